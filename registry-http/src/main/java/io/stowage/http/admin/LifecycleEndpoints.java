package io.stowage.http.admin;

import io.stowage.http.admin.json.NewImmutabilityRuleJson;
import io.stowage.http.admin.json.QuotaJson;
import io.stowage.metadata.ImmutabilityRule;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.access.admin.Slice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Lifecycle: a namespace's immutability rules, quota and usage ({@code /namespaces/{namespace}/-/immutability},
 * {@code -/quota}, {@code -/usage}), and a repository's usage, tags with their push and last-pull times, and a
 * manifest's times ({@code /repositories/{repository}/-/usage}, {@code -/tags}, {@code -/manifests/{reference}}).
 * Repository names contain slashes as namespace names do, so their sub-resources follow the marker segment {@code -}
 * too.
 */
final class LifecycleEndpoints {

    private static final String NAMESPACE = "/namespaces/{namespace...}";
    private static final String REPOSITORY = "/repositories/{repository...}";

    private LifecycleEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("GET", NAMESPACE + "/-/immutability", "listImmutabilityRules",
                        LifecycleEndpoints::immutabilityRules),
                Endpoint.of("POST", NAMESPACE + "/-/immutability", "addImmutabilityRule",
                        LifecycleEndpoints::addImmutabilityRule),
                Endpoint.of("DELETE", NAMESPACE + "/-/immutability/{id}", "deleteImmutabilityRule",
                        LifecycleEndpoints::removeImmutabilityRule),
                Endpoint.of("PUT", NAMESPACE + "/-/quota", "setQuota", LifecycleEndpoints::setQuota),
                Endpoint.of("GET", NAMESPACE + "/-/usage", "getNamespaceUsage", LifecycleEndpoints::namespaceUsage),
                Endpoint.of("GET", REPOSITORY + "/-/usage", "getRepositoryUsage",
                        LifecycleEndpoints::repositoryUsage),
                Endpoint.of("GET", REPOSITORY + "/-/tags", "listRepositoryTags", LifecycleEndpoints::tags),
                Endpoint.of("GET", REPOSITORY + "/-/manifests/{reference}", "getManifestTimes",
                        LifecycleEndpoints::manifest));
    }

    static void immutabilityRules(Administration admin, AdminCall call) throws Exception {
        String namespace = call.parameter("namespace");
        List<ImmutabilityRule> rules = admin.lifecycle().immutabilityRules(call.actor(), namespace);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespace", namespace);
        body.put("rules", rules.stream().map(Translate::immutabilityRule).toList());
        call.json(200, body);
    }

    static void addImmutabilityRule(Administration admin, AdminCall call) throws Exception {
        NewImmutabilityRuleJson in = call.body(NewImmutabilityRuleJson.class);
        ImmutabilityRule rule = admin.lifecycle().addImmutabilityRule(call.actor(), call.parameter("namespace"),
                in.repositoryGlob(), in.tagRegex());
        call.json(201, Translate.immutabilityRule(rule));
    }

    static void removeImmutabilityRule(Administration admin, AdminCall call) throws Exception {
        long id;
        try {
            id = Long.parseLong(call.parameter("id"));
        } catch (NumberFormatException e) {
            throw new NameUnknownException("the namespace has no immutability rule of that id", call.parameter("id"));
        }
        admin.lifecycle().removeImmutabilityRule(call.actor(), call.parameter("namespace"), id);
        call.noContent();
    }

    static void setQuota(Administration admin, AdminCall call) throws Exception {
        QuotaJson in = call.body(QuotaJson.class);
        OptionalLong bytes = in.bytes() == null ? OptionalLong.empty() : OptionalLong.of(in.bytes());
        call.json(200, Translate.usage(admin.lifecycle().setQuota(call.actor(), call.parameter("namespace"), bytes)));
    }

    static void namespaceUsage(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.usage(admin.lifecycle().namespaceUsage(call.actor(), call.parameter("namespace"))));
    }

    static void repositoryUsage(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.usage(admin.lifecycle().repositoryUsage(call.actor(), call.parameter("repository"))));
    }

    static void tags(Administration admin, AdminCall call) throws Exception {
        String repository = call.parameter("repository");
        int n = call.pageSize();
        Slice<TagRecord> page = admin.lifecycle().tags(call.actor(), repository, call.query("last").orElse(null), n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repository", repository);
        body.put("tags", page.items().stream().map(Translate::tag).toList());
        if (page.more()) {
            String last = page.items().getLast().tag().value();
            body.put("next", last);
            call.nextLink("/repositories/" + repository + "/-/tags", "n=" + n + "&last=" + AdminCall.encode(last));
        }
        call.json(200, body);
    }

    static void manifest(Administration admin, AdminCall call) throws Exception {
        String repository = call.parameter("repository");
        call.json(200, Translate.manifest(repository,
                admin.lifecycle().manifestTimes(call.actor(), repository, call.parameter("reference"))));
    }
}
