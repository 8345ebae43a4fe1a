package io.stowage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stowage.server.cli.Cli.action;
import static io.stowage.server.cli.Cli.text;

/** {@code stowage namespace ...}, {@code stowage grant ...} and {@code stowage rule ...}. */
final class NamespaceCommands {

    private static final Set<String> KINDS = Set.of("user", "robot", "group");

    private NamespaceCommands() {
    }

    static List<Cli.Action> actions() {
        return List.of(
                action("create", "create NAME [--public]", Set.of(), Set.of("--public"), 1, 1, (cli, args) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("name", args.positional(0));
                    body.put("public", args.flag("--public"));
                    JsonNode ns = cli.client().post("/namespaces", body);
                    print(cli, ns, "created namespace " + text(ns, "name")
                            + (ns.path("public").asBoolean() ? " (public)" : ""));
                }),
                action("list", "list", 0, 0, (cli, args) -> {
                    var namespaces = cli.client().getAll("/namespaces", "namespaces");
                    if (cli.json()) {
                        cli.printJson(namespaces);
                        return;
                    }
                    Table table = new Table("NAME", "PUBLIC", "CREATED");
                    namespaces.forEach(n -> table.row(text(n, "name"), n.path("public").asBoolean() ? "yes" : "no",
                            text(n, "createdAt")));
                    table.print(cli.out);
                }),
                action("show", "show NAME", 1, 1, (cli, args) -> {
                    JsonNode n = cli.client().get(namespace(args.positional(0)));
                    if (cli.json()) {
                        cli.printJson(n);
                        return;
                    }
                    new Table("NAME", "PUBLIC", "CREATED").row(text(n, "name"),
                            n.path("public").asBoolean() ? "yes" : "no", text(n, "createdAt")).print(cli.out);
                }),
                action("delete", "delete NAME", 1, 1, (cli, args) -> {
                    cli.client().delete(namespace(args.positional(0)));
                    cli.out.println("deleted namespace " + args.positional(0) + " with its grants and rules");
                }),
                action("public", "public NAME", 1, 1, (cli, args) -> setPublic(cli, args.positional(0), true)),
                action("private", "private NAME", 1, 1, (cli, args) -> setPublic(cli, args.positional(0), false)));
    }

    static List<Cli.Action> grantActions() {
        return List.of(
                action("add", "add NAMESPACE user|robot|group NAME ROLE", 4, 4, (cli, args) -> {
                    JsonNode grant = cli.client().put(grant(args), Map.of("role", args.positional(3)));
                    print(cli, grant, "granted " + text(grant, "role") + " in " + text(grant, "namespace") + " to "
                            + text(grant, "kind") + " " + text(grant, "principal"));
                }),
                action("remove", "remove NAMESPACE user|robot|group NAME", 3, 3, (cli, args) -> {
                    cli.client().delete(grant(args));
                    cli.out.println("removed the grant of " + args.positional(1) + " " + args.positional(2) + " in "
                            + args.positional(0));
                }),
                action("list", "list NAMESPACE", 1, 1, (cli, args) -> {
                    JsonNode grants = cli.client().get(namespace(args.positional(0)) + "/-/grants").path("grants");
                    if (cli.json()) {
                        cli.printJson(grants);
                        return;
                    }
                    Table table = new Table("KIND", "PRINCIPAL", "ROLE");
                    grants.forEach(g -> table.row(text(g, "kind"), text(g, "principal"), text(g, "role")));
                    table.print(cli.out);
                }));
    }

    static List<Cli.Action> ruleActions() {
        return List.of(
                action("add", "add NAMESPACE GLOB user|robot|group NAME ROLE|deny", 5, 5, (cli, args) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("repositories", args.positional(1));
                    body.put("kind", kind(args.positional(2)));
                    body.put("principal", args.positional(3));
                    body.put("role", args.positional(4));
                    JsonNode rule = cli.client().post(namespace(args.positional(0)) + "/-/rules", body);
                    print(cli, rule, "added rule " + text(rule, "id") + " to " + args.positional(0) + ": "
                            + text(rule, "repositories") + " " + text(rule, "kind") + " " + text(rule, "principal")
                            + " " + text(rule, "role"));
                }),
                action("remove", "remove NAMESPACE ID", 2, 2, (cli, args) -> {
                    cli.client().delete(namespace(args.positional(0)) + "/-/rules/" + Paths.segment(args.positional(1)));
                    cli.out.println("removed rule " + args.positional(1) + " from " + args.positional(0));
                }),
                action("list", "list NAMESPACE", 1, 1, (cli, args) -> {
                    JsonNode rules = cli.client().get(namespace(args.positional(0)) + "/-/rules").path("rules");
                    if (cli.json()) {
                        cli.printJson(rules);
                        return;
                    }
                    Table table = new Table("ID", "REPOSITORIES", "KIND", "PRINCIPAL", "ROLE");
                    rules.forEach(r -> table.row(text(r, "id"), text(r, "repositories"), text(r, "kind"),
                            text(r, "principal"), text(r, "role")));
                    table.print(cli.out);
                }));
    }

    private static String grant(Arguments args) {
        return namespace(args.positional(0)) + "/-/grants/" + kind(args.positional(1)) + "/"
                + Paths.segment(args.positional(2));
    }

    private static String kind(String kind) {
        if (!KINDS.contains(kind)) {
            throw new UsageException("a principal is user, robot or group, not '" + kind + "'");
        }
        return kind;
    }

    private static String namespace(String name) {
        return "/namespaces/" + Paths.namespace(name);
    }

    private static void setPublic(Cli cli, String name, boolean publicPull) throws IOException {
        JsonNode ns = cli.client().patch(namespace(name), Map.of("public", publicPull));
        print(cli, ns, "namespace " + name + " is now " + (publicPull ? "public: anyone may pull" : "private"));
    }

    private static void print(Cli cli, JsonNode node, String done) throws IOException {
        if (cli.json()) {
            cli.printJson(node);
        } else {
            cli.out.println(done);
        }
    }
}
