package io.stowage.http.admin;

import io.stowage.http.admin.json.NewRetentionPolicyJson;
import io.stowage.http.admin.json.RetentionItemJson;
import io.stowage.http.admin.json.RetentionKeptJson;
import io.stowage.http.admin.json.RetentionPolicyJson;
import io.stowage.http.admin.json.RetentionRunJson;
import io.stowage.metadata.RetentionPolicy;
import io.stowage.oci.Digest;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.access.admin.RetentionAdministration;
import io.stowage.service.lifecycle.RetentionPlan;
import io.stowage.service.lifecycle.RetentionPlan.Kept;
import io.stowage.service.lifecycle.RetentionPlan.ManifestRemoval;
import io.stowage.service.lifecycle.RetentionPlan.Removal;
import io.stowage.service.lifecycle.RetentionPlan.TagRemoval;
import io.stowage.service.lifecycle.RetentionReport;
import io.stowage.service.lifecycle.RetentionReport.Skipped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention: a namespace's policies ({@code /namespaces/{namespace}/-/retention}, {@code …/-/retention/{id}}), runs
 * over the repositories it covers ({@code …/-/retention/run}) and over the whole registry ({@code /retention/run}).
 * {@code dryRun=true} removes nothing and answers the plan; a real run answers its report.
 */
final class RetentionEndpoints {

    private static final String NAMESPACE = "/namespaces/{namespace...}";

    private RetentionEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("GET", NAMESPACE + "/-/retention", "listRetentionPolicies", RetentionEndpoints::policies),
                Endpoint.of("POST", NAMESPACE + "/-/retention", "addRetentionPolicy", RetentionEndpoints::add),
                Endpoint.of("POST", NAMESPACE + "/-/retention/run", "runNamespaceRetention",
                        RetentionEndpoints::runNamespace),
                Endpoint.of("PUT", NAMESPACE + "/-/retention/{id}", "updateRetentionPolicy",
                        RetentionEndpoints::update),
                Endpoint.of("DELETE", NAMESPACE + "/-/retention/{id}", "deleteRetentionPolicy",
                        RetentionEndpoints::remove),
                Endpoint.of("POST", "/retention/run", "runRetention", RetentionEndpoints::runAll));
    }

    static void policies(Administration admin, AdminCall call) throws Exception {
        String namespace = call.parameter("namespace");
        List<RetentionPolicy> policies = admin.retention().policies(call.actor(), namespace);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("namespace", namespace);
        body.put("policies", policies.stream().map(RetentionEndpoints::policy).toList());
        call.json(200, body);
    }

    static void add(Administration admin, AdminCall call) throws Exception {
        NewRetentionPolicyJson in = call.body(NewRetentionPolicyJson.class);
        RetentionPolicy policy = admin.retention().addPolicy(call.actor(), call.parameter("namespace"), draft(in));
        call.json(201, policy(policy));
    }

    static void update(Administration admin, AdminCall call) throws Exception {
        long id = id(call);
        NewRetentionPolicyJson in = call.body(NewRetentionPolicyJson.class);
        call.json(200, policy(admin.retention().updatePolicy(call.actor(), call.parameter("namespace"), id,
                draft(in))));
    }

    static void remove(Administration admin, AdminCall call) throws Exception {
        admin.retention().removePolicy(call.actor(), call.parameter("namespace"), id(call));
        call.noContent();
    }

    static void runNamespace(Administration admin, AdminCall call) throws Exception {
        String namespace = call.parameter("namespace");
        RetentionAdministration retention = admin.retention();
        if (call.flag("dryRun")) {
            call.json(200, plan(namespace, retention.dryRun(call.actor(), namespace)));
        } else {
            call.json(200, report(namespace, retention.run(call.actor(), namespace)));
        }
    }

    static void runAll(Administration admin, AdminCall call) throws Exception {
        RetentionAdministration retention = admin.retention();
        if (call.flag("dryRun")) {
            call.json(200, plan(null, retention.dryRunAll(call.actor())));
        } else {
            call.json(200, report(null, retention.runAll(call.actor())));
        }
    }

    private static long id(AdminCall call) {
        try {
            return Long.parseLong(call.parameter("id"));
        } catch (NumberFormatException e) {
            throw new NameUnknownException("the namespace has no retention policy of that id", call.parameter("id"));
        }
    }

    /** Parsed inside the change, so a malformed period is a 400 and a failure in the audit log like any other. */
    private static RetentionAdministration.Draft draft(NewRetentionPolicyJson in) {
        return (namespace, id) -> new RetentionPolicy(id, namespace, in.repositoryGlob(), in.keepLastTags(),
                Periods.parse(in.keepPushedWithin(), "keepPushedWithin"),
                Periods.parse(in.keepPulledWithin(), "keepPulledWithin"), in.includeTags(), in.excludeTags(),
                Periods.parse(in.untaggedOlderThan(), "untaggedOlderThan"),
                in.enabled() == null || in.enabled());
    }

    static RetentionPolicyJson policy(RetentionPolicy p) {
        return new RetentionPolicyJson(p.id(), p.namespace(), p.repositoryGlob(), p.keepLastTags(),
                Periods.format(p.keepPushedWithin()), Periods.format(p.keepPulledWithin()), p.includeTags(),
                p.excludeTags(), Periods.format(p.untaggedOlderThan()), p.enabled());
    }

    static RetentionRunJson plan(String namespace, RetentionPlan plan) {
        return new RetentionRunJson(true, namespace, Translate.time(plan.at()),
                plan.removals().stream().map(r -> item(r, null, null)).toList(), List.of(),
                plan.kept().stream().map(RetentionEndpoints::kept).toList(), plan.summary());
    }

    static RetentionRunJson report(String namespace, RetentionReport report) {
        return new RetentionRunJson(false, namespace, Translate.time(report.planAt()),
                report.removed().stream().map(r -> item(r, null, null)).toList(),
                report.skipped().stream().map(RetentionEndpoints::skipped).toList(), List.of(), report.summary());
    }

    private static RetentionItemJson skipped(Skipped skipped) {
        return item(skipped.item(), skipped.reason().name(), skipped.detail());
    }

    private static RetentionItemJson item(Removal removal, String reason, String detail) {
        String text = detail == null ? removal.describe() : detail;
        return switch (removal) {
            case TagRemoval t -> new RetentionItemJson(t.repository().value(), "tag", t.tag().tag().value(),
                    t.tag().manifest().toString(), List.of(), Translate.time(t.tag().pushedAt()),
                    Translate.time(t.tag().lastPulledAt()), t.policies(), reason, text);
            case ManifestRemoval m -> new RetentionItemJson(m.repository().value(), "manifest",
                    m.digest().toString(), m.digest().toString(), m.referrers().stream().map(Digest::toString)
                    .toList(), Translate.time(m.pushedAt()), Translate.time(m.lastPulledAt()), m.policies(), reason,
                    text);
        };
    }

    private static RetentionKeptJson kept(Kept kept) {
        return new RetentionKeptJson(kept.repository().value(), kept.reference().toString(),
                kept.protection().name(), kept.detail());
    }
}
