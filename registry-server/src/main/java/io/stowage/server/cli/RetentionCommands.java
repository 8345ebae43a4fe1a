package io.stowage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stowage.server.cli.Cli.action;
import static io.stowage.server.cli.Cli.text;

/**
 * {@code stowage retention ...}: a namespace's retention policies (list, add, remove, enable, disable) and runs on
 * demand over a namespace or the whole registry, with {@code --dry-run} saying what would go without removing it.
 * Periods are given as the API takes them: {@code 30d}, {@code 12h}, {@code 90m}.
 */
final class RetentionCommands {

    private static final Set<String> ADD_VALUES = Set.of("--repositories", "--keep-last", "--keep-pushed-within",
            "--keep-pulled-within", "--include", "--exclude", "--untagged-older-than");

    private RetentionCommands() {
    }

    static List<Cli.Action> actions() {
        return List.of(
                action("list", "list NAMESPACE", 1, 1, (cli, args) -> {
                    JsonNode policies = cli.client().get(retention(args.positional(0))).path("policies");
                    if (cli.json()) {
                        cli.printJson(policies);
                        return;
                    }
                    Table table = new Table("ID", "REPOSITORIES", "RULES", "ENABLED");
                    policies.forEach(p -> table.row(text(p, "id"), repositories(p), rules(p),
                            p.path("enabled").asBoolean() ? "yes" : "no"));
                    table.print(cli.out);
                }),
                action("add", "add NAMESPACE [--repositories GLOB] [--keep-last N] [--keep-pushed-within 30d]"
                                + " [--keep-pulled-within 30d] [--include REGEX] [--exclude REGEX]"
                                + " [--untagged-older-than 14d] [--disabled]", ADD_VALUES, Set.of("--disabled"), 1,
                        1, (cli, args) -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            args.value("--repositories").ifPresent(v -> body.put("repositoryGlob", v));
                            if (args.value("--keep-last").isPresent()) {
                                body.put("keepLastTags", count(args.value("--keep-last").get()));
                            }
                            args.value("--keep-pushed-within").ifPresent(v -> body.put("keepPushedWithin", v));
                            args.value("--keep-pulled-within").ifPresent(v -> body.put("keepPulledWithin", v));
                            args.value("--include").ifPresent(v -> body.put("includeTags", v));
                            args.value("--exclude").ifPresent(v -> body.put("excludeTags", v));
                            args.value("--untagged-older-than").ifPresent(v -> body.put("untaggedOlderThan", v));
                            body.put("enabled", !args.flag("--disabled"));
                            JsonNode policy = cli.client().post(retention(args.positional(0)), body);
                            print(cli, policy, "added retention policy " + text(policy, "id") + " to "
                                    + text(policy, "namespace") + " for " + repositories(policy) + ": "
                                    + rules(policy) + (policy.path("enabled").asBoolean() ? "" : " (disabled)"));
                        }),
                action("remove", "remove NAMESPACE ID", 2, 2, (cli, args) -> {
                    cli.client().delete(retention(args.positional(0)) + "/" + Paths.segment(args.positional(1)));
                    cli.out.println("removed retention policy " + args.positional(1) + " from "
                            + args.positional(0));
                }),
                action("enable", "enable NAMESPACE ID", 2, 2, (cli, args) -> setEnabled(cli, args, true)),
                action("disable", "disable NAMESPACE ID", 2, 2, (cli, args) -> setEnabled(cli, args, false)),
                action("run", "run [NAMESPACE] [--dry-run]", Set.of(), Set.of("--dry-run"), 0, 1, (cli, args) -> {
                    boolean dry = args.flag("--dry-run");
                    String path = args.positionals().isEmpty() ? "/retention/run"
                            : retention(args.positional(0)) + "/run";
                    JsonNode run = cli.client().post(path + (dry ? "?dryRun=true" : ""), null);
                    if (cli.json()) {
                        cli.printJson(run);
                        return;
                    }
                    Table table = new Table("REPOSITORY", "REFERENCE", "KIND", dry ? "WOULD GO" : "OUTCOME",
                            "POLICIES");
                    run.path("removed").forEach(i -> table.row(text(i, "repository"), text(i, "reference"),
                            text(i, "kind"), dry ? "remove" : "removed", i.path("policies").toString()));
                    run.path("skipped").forEach(i -> table.row(text(i, "repository"), text(i, "reference"),
                            text(i, "kind"), "skipped: " + text(i, "reason"), i.path("policies").toString()));
                    run.path("kept").forEach(k -> table.row(text(k, "repository"), text(k, "reference"), "",
                            "kept: " + text(k, "protection"), ""));
                    table.print(cli.out);
                    cli.out.println((dry ? "dry run: " : "") + text(run, "summary")
                            + (dry ? "; nothing was removed" : ""));
                }));
    }

    /** Replaces the policy with itself, enabled or disabled: the API's PUT takes every rule. */
    private static void setEnabled(Cli cli, Arguments args, boolean enabled) throws java.io.IOException {
        String namespace = args.positional(0);
        String id = args.positional(1);
        JsonNode found = null;
        for (JsonNode p : cli.client().get(retention(namespace)).path("policies")) {
            if (text(p, "id").equals(id)) {
                found = p;
            }
        }
        if (found == null) {
            throw new ApiException(404, "namespace " + namespace + " has no retention policy " + id);
        }
        ObjectNode body = ((ObjectNode) found.deepCopy());
        body.remove("id");
        body.remove("namespace");
        body.put("enabled", enabled);
        JsonNode policy = cli.client().put(retention(namespace) + "/" + Paths.segment(id), body);
        print(cli, policy, (enabled ? "enabled" : "disabled") + " retention policy " + id + " of " + namespace);
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--keep-last takes a whole number of tags");
        }
    }

    private static String rules(JsonNode policy) {
        StringBuilder rules = new StringBuilder();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("keepLastTags", "keep last");
        names.put("keepPushedWithin", "keep pushed within");
        names.put("keepPulledWithin", "keep pulled within");
        names.put("includeTags", "include");
        names.put("excludeTags", "exclude");
        names.put("untaggedOlderThan", "untagged older than");
        for (Iterator<Map.Entry<String, String>> it = names.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> name = it.next();
            if (policy.hasNonNull(name.getKey())) {
                rules.append(rules.isEmpty() ? "" : ", ").append(name.getValue()).append(' ')
                        .append(text(policy, name.getKey()));
            }
        }
        return rules.toString();
    }

    private static String repositories(JsonNode policy) {
        return policy.hasNonNull("repositoryGlob") ? text(policy, "repositoryGlob") : "all repositories";
    }

    private static String retention(String namespace) {
        return "/namespaces/" + Paths.namespace(namespace) + "/-/retention";
    }

    private static void print(Cli cli, JsonNode node, String done) throws java.io.IOException {
        if (cli.json()) {
            cli.printJson(node);
        } else {
            cli.out.println(done);
        }
    }
}
