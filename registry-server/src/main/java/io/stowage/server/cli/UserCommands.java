package io.stowage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.security.Secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stowage.server.cli.Cli.action;
import static io.stowage.server.cli.Cli.text;
import static io.stowage.server.cli.Cli.texts;

/** {@code stowage user ...} and {@code stowage group ...}. */
final class UserCommands {

    private static final Set<String> NEW_PASSWORD = Set.of("--new-password-stdin");

    private UserCommands() {
    }

    static List<Cli.Action> actions() {
        return List.of(
                action("create", "create NAME [--admin] [--new-password-stdin]", Set.of(),
                        Set.of("--admin", "--new-password-stdin"), 1, 1, UserCommands::create),
                action("list", "list", 0, 0, UserCommands::list),
                action("show", "show NAME", 1, 1, UserCommands::show),
                action("delete", "delete NAME", 1, 1, (cli, args) -> {
                    cli.client().delete("/users/" + Paths.segment(args.positional(0)));
                    cli.out.println("deleted user " + args.positional(0));
                }),
                action("passwd", "passwd NAME [--new-password-stdin]", Set.of(), NEW_PASSWORD, 1, 1,
                        UserCommands::passwd),
                action("disable", "disable NAME", 1, 1, (cli, args) -> change(cli, args.positional(0),
                        Map.of("disabled", true), "disabled user ")),
                action("enable", "enable NAME", 1, 1, (cli, args) -> change(cli, args.positional(0),
                        Map.of("disabled", false), "enabled user ")),
                action("admin", "admin NAME on|off", 2, 2, UserCommands::admin),
                action("import-htpasswd", "import-htpasswd FILE", 1, 1, UserCommands::importHtpasswd));
    }

    static List<Cli.Action> groupActions() {
        return List.of(
                action("add", "add GROUP USER", 2, 2, (cli, args) -> {
                    JsonNode m = cli.client().put(membership(args), Map.of());
                    print(cli, m, "added " + args.positional(1) + " to group " + args.positional(0));
                }),
                action("remove", "remove GROUP USER", 2, 2, (cli, args) -> {
                    cli.client().delete(membership(args));
                    cli.out.println("removed " + args.positional(1) + " from group " + args.positional(0));
                }),
                action("list", "list GROUP", 1, 1, (cli, args) -> {
                    var members = cli.client().getAll("/groups/" + Paths.segment(args.positional(0)) + "/members",
                            "members");
                    if (cli.json()) {
                        cli.printJson(members);
                    } else {
                        texts(members).forEach(cli.out::println);
                    }
                }));
    }

    private static String membership(Arguments args) {
        return "/groups/" + Paths.segment(args.positional(0)) + "/members/" + Paths.segment(args.positional(1));
    }

    private static void create(Cli cli, Arguments args) throws IOException {
        String name = args.positional(0);
        boolean generated = !args.flag("--new-password-stdin");
        String password = generated ? Secrets.random(18) : cli.newPasswordFromStdin();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", password);
        body.put("administrator", args.flag("--admin"));
        JsonNode user = cli.client().post("/users", body);
        if (cli.json()) {
            cli.printJson(user);
        } else {
            cli.out.println("created user " + text(user, "username")
                    + (user.path("administrator").asBoolean() ? " (administrator)" : ""));
        }
        if (generated) {
            printGenerated(cli, password);
        }
    }

    private static void passwd(Cli cli, Arguments args) throws IOException {
        boolean generated = !args.flag("--new-password-stdin");
        String password = generated ? Secrets.random(18) : cli.newPasswordFromStdin();
        cli.client().put("/users/" + Paths.segment(args.positional(0)) + "/password", Map.of("password", password));
        cli.out.println("changed the password of " + args.positional(0));
        if (generated) {
            printGenerated(cli, password);
        }
    }

    /** A generated password goes to standard error, so that --json output stays JSON. */
    private static void printGenerated(Cli cli, String password) {
        (cli.json() ? cli.err : cli.out).println("password: " + password);
        (cli.json() ? cli.err : cli.out).println("(generated; it is shown only now)");
    }

    private static void list(Cli cli, Arguments args) throws IOException {
        var users = cli.client().getAll("/users", "users");
        if (cli.json()) {
            cli.printJson(users);
            return;
        }
        Table table = new Table("USERNAME", "ADMIN", "DISABLED", "GROUPS", "CREATED");
        users.forEach(u -> table.row(text(u, "username"), yes(u, "administrator"), yes(u, "disabled"),
                String.join(",", texts(u.path("groups"))), text(u, "createdAt")));
        table.print(cli.out);
    }

    private static void show(Cli cli, Arguments args) throws IOException {
        JsonNode u = cli.client().get("/users/" + Paths.segment(args.positional(0)));
        if (cli.json()) {
            cli.printJson(u);
            return;
        }
        new Table("USERNAME", "ADMIN", "DISABLED", "GROUPS", "CREATED", "UPDATED")
                .row(text(u, "username"), yes(u, "administrator"), yes(u, "disabled"),
                        String.join(",", texts(u.path("groups"))), text(u, "createdAt"), text(u, "updatedAt"))
                .print(cli.out);
    }

    private static void admin(Cli cli, Arguments args) throws IOException {
        boolean on = switch (args.positional(1)) {
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw new UsageException("usage: stowage user admin NAME on|off");
        };
        change(cli, args.positional(0), Map.of("administrator", on),
                on ? "made administrator: " : "no longer administrator: ");
    }

    private static void change(Cli cli, String name, Map<String, Object> change, String done) throws IOException {
        JsonNode user = cli.client().patch("/users/" + Paths.segment(name), change);
        print(cli, user, done + name);
    }

    private static void importHtpasswd(Cli cli, Arguments args) throws IOException {
        String content;
        try {
            content = Files.readString(Path.of(args.positional(0)));
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + args.positional(0));
        }
        JsonNode report = cli.client().post("/users/import-htpasswd", Map.of("content", content));
        if (cli.json()) {
            cli.printJson(report);
            return;
        }
        List<String> created = texts(report.path("created"));
        List<String> skipped = texts(report.path("skipped"));
        cli.out.println("created " + created.size() + " users" + (created.isEmpty() ? "" : ": "
                + String.join(", ", created)));
        if (!skipped.isEmpty()) {
            cli.out.println("skipped " + skipped.size() + " that exist already: " + String.join(", ", skipped));
        }
    }

    private static void print(Cli cli, JsonNode node, String done) throws IOException {
        if (cli.json()) {
            cli.printJson(node);
        } else {
            cli.out.println(done);
        }
    }

    private static String yes(JsonNode node, String field) {
        return node.path(field).asBoolean() ? "yes" : "no";
    }
}
