package io.stowage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.stowage.server.cli.Cli.action;
import static io.stowage.server.cli.Cli.text;

/**
 * {@code stowage immutability ...}, {@code stowage quota set}, {@code stowage usage} and {@code stowage tags}: a
 * namespace's immutable-tag rules and quota, the storage use of a namespace or repository, and a repository's tags
 * with their push and last-pull times. Tables show sizes for people (1.5 GiB); {@code --json} prints the API's
 * figures in bytes.
 */
final class LifecycleCommands {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|([kmgtp])(ib|b)?)?", Pattern.CASE_INSENSITIVE);

    private LifecycleCommands() {
    }

    static List<Cli.Action> immutabilityActions() {
        return List.of(
                action("add", "add NAMESPACE TAG_REGEX [--repositories GLOB]", Set.of("--repositories"), Set.of(), 2,
                        2, (cli, args) -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            args.value("--repositories").ifPresent(glob -> body.put("repositoryGlob", glob));
                            body.put("tagRegex", args.positional(1));
                            JsonNode rule = cli.client().post(immutability(args.positional(0)), body);
                            print(cli, rule, "added immutability rule " + text(rule, "id") + " to "
                                    + text(rule, "namespace") + ": tags matching " + text(rule, "tagRegex") + " in "
                                    + repositories(rule) + " can no longer be moved or deleted");
                        }),
                action("remove", "remove NAMESPACE ID", 2, 2, (cli, args) -> {
                    cli.client().delete(immutability(args.positional(0)) + "/" + Paths.segment(args.positional(1)));
                    cli.out.println("removed immutability rule " + args.positional(1) + " from "
                            + args.positional(0));
                }),
                action("list", "list NAMESPACE", 1, 1, (cli, args) -> {
                    JsonNode rules = cli.client().get(immutability(args.positional(0))).path("rules");
                    if (cli.json()) {
                        cli.printJson(rules);
                        return;
                    }
                    Table table = new Table("ID", "REPOSITORIES", "TAG REGEX");
                    rules.forEach(r -> table.row(text(r, "id"), repositories(r), text(r, "tagRegex")));
                    table.print(cli.out);
                }));
    }

    static List<Cli.Action> quotaActions() {
        return List.of(action("set", "set NAMESPACE BYTES|none", 2, 2, (cli, args) -> {
            Long bytes = quota(args.positional(1));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("bytes", bytes);
            JsonNode usage = cli.client().put(namespace(args.positional(0)) + "/-/quota", body);
            print(cli, usage, bytes == null ? "namespace " + args.positional(0) + " has no quota now"
                    : "quota of namespace " + args.positional(0) + " set to " + human(bytes) + " (" + bytes
                    + " bytes); it stores " + human(usage.path("storedBytes").asLong()));
        }));
    }

    static List<Cli.Action> usageActions() {
        return List.of(action("", "NAMESPACE | --repository REPOSITORY", Set.of("--repository"), Set.of(), 0, 1,
                (cli, args) -> {
                    boolean byRepository = args.value("--repository").isPresent();
                    if (byRepository == (args.positionals().size() == 1)) {
                        throw new UsageException("usage: stowage usage NAMESPACE | --repository REPOSITORY");
                    }
                    if (byRepository) {
                        JsonNode u = cli.client().get(repository(args.value("--repository").get()) + "/-/usage");
                        if (cli.json()) {
                            cli.printJson(u);
                            return;
                        }
                        new Table("REPOSITORY", "BLOBS", "MANIFESTS", "LOGICAL", "STORED", "UNIQUE").row(
                                text(u, "repository"), text(u, "blobs"), text(u, "manifests"), size(u, "logicalBytes"),
                                size(u, "storedBytes"), size(u, "uniqueBytes")).print(cli.out);
                        return;
                    }
                    JsonNode u = cli.client().get(namespace(args.positional(0)) + "/-/usage");
                    if (cli.json()) {
                        cli.printJson(u);
                        return;
                    }
                    new Table("NAMESPACE", "REPOSITORIES", "LOGICAL", "STORED", "UNIQUE", "QUOTA", "REMAINING").row(
                            text(u, "namespace"), text(u, "repositories"), size(u, "logicalBytes"),
                            size(u, "storedBytes"), size(u, "uniqueBytes"),
                            u.hasNonNull("quotaBytes") ? size(u, "quotaBytes") : "none",
                            u.hasNonNull("remainingBytes") ? size(u, "remainingBytes") : "-").print(cli.out);
                }));
    }

    static List<Cli.Action> tagsActions() {
        return List.of(action("", "REPOSITORY", 1, 1, (cli, args) -> {
            var tags = cli.client().getAll(repository(args.positional(0)) + "/-/tags", "tags");
            if (cli.json()) {
                cli.printJson(tags);
                return;
            }
            Table table = new Table("TAG", "DIGEST", "PUSHED", "LAST PULLED");
            tags.forEach(t -> table.row(text(t, "tag"), text(t, "digest"), text(t, "pushedAt"),
                    t.hasNonNull("lastPulledAt") ? text(t, "lastPulledAt") : "never"));
            table.print(cli.out);
        }));
    }

    /**
     * {@code none}, or a whole number of bytes with an optional unit: {@code 500}, {@code 10KB} and {@code 10GB}
     * (decimal), {@code 2GiB} and {@code 3G} (binary).
     */
    static Long quota(String text) {
        if (text.equalsIgnoreCase("none")) {
            return null;
        }
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new UsageException("a quota is a whole number of bytes, optionally with a unit (500MiB, 10GB, 2T), "
                    + "or none");
        }
        int power = m.group(3) == null ? 0 : "kmgtp".indexOf(m.group(3).toLowerCase(Locale.ROOT)) + 1;
        // 10GB is decimal, 10GiB and a bare 10G binary, as people usually mean them.
        long base = "b".equalsIgnoreCase(m.group(4)) ? 1000 : 1024;
        try {
            long value = Long.parseLong(m.group(1));
            for (int i = 0; i < power; i++) {
                value = Math.multiplyExact(value, base);
            }
            return value;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new UsageException("that quota is too large");
        }
    }

    /** Bytes for people, in binary units: {@code 0 B}, {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 GiB}. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String size(JsonNode node, String field) {
        return human(node.path(field).asLong());
    }

    private static String repositories(JsonNode rule) {
        return rule.hasNonNull("repositoryGlob") ? text(rule, "repositoryGlob") : "all repositories";
    }

    private static String immutability(String namespace) {
        return namespace(namespace) + "/-/immutability";
    }

    private static String namespace(String name) {
        return "/namespaces/" + Paths.namespace(name);
    }

    private static String repository(String name) {
        return "/repositories/" + Paths.namespace(name);
    }

    private static void print(Cli cli, JsonNode node, String done) throws java.io.IOException {
        if (cli.json()) {
            cli.printJson(node);
        } else {
            cli.out.println(done);
        }
    }
}
