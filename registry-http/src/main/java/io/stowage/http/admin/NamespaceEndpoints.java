package io.stowage.http.admin;

import io.stowage.http.admin.json.NamespaceChangeJson;
import io.stowage.http.admin.json.NewNamespaceJson;
import io.stowage.http.admin.json.NewRuleJson;
import io.stowage.http.admin.json.RoleJson;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.RepositoryRule;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.access.admin.Slice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /namespaces}. A namespace's name contains slashes, so its grants and rules follow the marker segment
 * {@code -}, which no repository name has: {@code /namespaces/org/team-a/-/grants/user/alice}.
 */
final class NamespaceEndpoints {

    private static final String ONE = "/namespaces/{namespace...}";

    private NamespaceEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("GET", "/namespaces", "listNamespaces", NamespaceEndpoints::list),
                Endpoint.of("POST", "/namespaces", "createNamespace", NamespaceEndpoints::create),
                Endpoint.of("GET", ONE, "getNamespace", NamespaceEndpoints::get),
                Endpoint.of("PATCH", ONE, "updateNamespace", NamespaceEndpoints::update),
                Endpoint.of("DELETE", ONE, "deleteNamespace", NamespaceEndpoints::delete),
                Endpoint.of("GET", ONE + "/-/grants", "listGrants", NamespaceEndpoints::grants),
                Endpoint.of("PUT", ONE + "/-/grants/{kind}/{principal}", "putGrant", NamespaceEndpoints::grant),
                Endpoint.of("DELETE", ONE + "/-/grants/{kind}/{principal}", "deleteGrant",
                        NamespaceEndpoints::revoke),
                Endpoint.of("GET", ONE + "/-/rules", "listRules", NamespaceEndpoints::rules),
                Endpoint.of("POST", ONE + "/-/rules", "addRule", NamespaceEndpoints::addRule),
                Endpoint.of("DELETE", ONE + "/-/rules/{id}", "deleteRule", NamespaceEndpoints::removeRule));
    }

    static void list(Administration admin, AdminCall call) throws Exception {
        int n = call.pageSize();
        Slice<NamespaceRecord> page = admin.namespaces().list(call.actor(), call.query("last").orElse(null), n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespaces", page.items().stream().map(Translate::namespace).toList());
        if (page.more()) {
            String last = page.items().getLast().name();
            body.put("next", last);
            call.nextLink("/namespaces", "n=" + n + "&last=" + AdminCall.encode(last));
        }
        call.json(200, body);
    }

    static void create(Administration admin, AdminCall call) throws Exception {
        NewNamespaceJson in = call.body(NewNamespaceJson.class);
        NamespaceRecord created = admin.namespaces().create(call.actor(), in.name(),
                Boolean.TRUE.equals(in.publicPull()));
        call.header("Location", "/api/v1/namespaces/" + created.name());
        call.json(201, Translate.namespace(created));
    }

    static void get(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.namespace(admin.namespaces().get(call.actor(), call.parameter("namespace"))));
    }

    static void update(Administration admin, AdminCall call) throws Exception {
        NamespaceChangeJson in = call.body(NamespaceChangeJson.class);
        if (in.publicPull() == null) {
            throw new ParameterInvalidException("nothing to change: give public");
        }
        call.json(200, Translate.namespace(admin.namespaces().setPublic(call.actor(), call.parameter("namespace"),
                in.publicPull())));
    }

    static void delete(Administration admin, AdminCall call) throws Exception {
        admin.namespaces().delete(call.actor(), call.parameter("namespace"));
        call.noContent();
    }

    static void grants(Administration admin, AdminCall call) throws Exception {
        String namespace = call.parameter("namespace");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespace", namespace);
        body.put("grants", admin.namespaces().grants(call.actor(), namespace).stream().map(Translate::grant).toList());
        call.json(200, body);
    }

    static void grant(Administration admin, AdminCall call) throws Exception {
        RoleJson in = call.body(RoleJson.class);
        call.json(200, Translate.grant(admin.namespaces().grant(call.actor(), call.parameter("namespace"),
                Translate.kind(call.parameter("kind")), call.parameter("principal"), Translate.role(in.role(), false))));
    }

    static void revoke(Administration admin, AdminCall call) throws Exception {
        admin.namespaces().revoke(call.actor(), call.parameter("namespace"), Translate.kind(call.parameter("kind")),
                call.parameter("principal"));
        call.noContent();
    }

    static void rules(Administration admin, AdminCall call) throws Exception {
        String namespace = call.parameter("namespace");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespace", namespace);
        body.put("rules", admin.namespaces().rules(call.actor(), namespace).stream().map(Translate::rule).toList());
        call.json(200, body);
    }

    static void addRule(Administration admin, AdminCall call) throws Exception {
        NewRuleJson in = call.body(NewRuleJson.class);
        if (in.repositories() == null || in.principal() == null) {
            throw new ParameterInvalidException("a rule needs repositories, kind, principal and role");
        }
        RepositoryRule rule = admin.namespaces().addRule(call.actor(), call.parameter("namespace"), in.repositories(),
                Translate.kind(in.kind()), in.principal(), Translate.role(in.role(), true));
        call.json(201, Translate.rule(rule));
    }

    static void removeRule(Administration admin, AdminCall call) throws Exception {
        long id;
        try {
            id = Long.parseLong(call.parameter("id"));
        } catch (NumberFormatException e) {
            throw new NameUnknownException("the namespace has no rule of that id", call.parameter("id"));
        }
        admin.namespaces().removeRule(call.actor(), call.parameter("namespace"), id);
        call.noContent();
    }
}
