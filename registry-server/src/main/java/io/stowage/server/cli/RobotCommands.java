package io.stowage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stowage.server.cli.Cli.action;
import static io.stowage.server.cli.Cli.text;
import static io.stowage.server.cli.Cli.texts;

/** {@code stowage robot ...}. */
final class RobotCommands {

    private RobotCommands() {
    }

    static List<Cli.Action> actions() {
        return List.of(
                action("create", "create NAME [--scope repository:GLOB:ACTIONS]... [--expires 30d]",
                        Set.of("--scope", "--expires"), Set.of(), 1, 1, RobotCommands::create),
                action("list", "list", 0, 0, RobotCommands::list),
                action("show", "show NAME", 1, 1, (cli, args) -> {
                    JsonNode robot = cli.client().get("/robots/" + Paths.segment(args.positional(0)));
                    if (cli.json()) {
                        cli.printJson(robot);
                    } else {
                        table(List.of(robot)).print(cli.out);
                    }
                }),
                action("revoke", "revoke NAME", 1, 1, (cli, args) -> {
                    JsonNode robot = cli.client().post("/robots/" + Paths.segment(args.positional(0)) + "/revoke",
                            null);
                    if (cli.json()) {
                        cli.printJson(robot);
                    } else {
                        cli.out.println("revoked robot " + args.positional(0) + ": it can no longer log in");
                    }
                }),
                action("delete", "delete NAME", 1, 1, (cli, args) -> {
                    cli.client().delete("/robots/" + Paths.segment(args.positional(0)));
                    cli.out.println("deleted robot " + args.positional(0));
                }));
    }

    private static void create(Cli cli, Arguments args) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", args.positional(0));
        body.put("scopes", args.all("--scope"));
        args.value("--expires").ifPresent(e -> body.put("expiresIn", e));
        JsonNode robot = cli.client().post("/robots", body);
        if (cli.json()) {
            cli.printJson(robot);
            return;
        }
        cli.out.println("created robot " + text(robot, "name") + "; it logs in as " + text(robot, "subject")
                + (text(robot, "expiresAt").isEmpty() ? "" : " until " + text(robot, "expiresAt")));
        cli.out.println("secret: " + text(robot, "secret"));
        cli.out.println("(shown only now: store it where the robot will use it)");
    }

    private static void list(Cli cli, Arguments args) throws IOException {
        var robots = cli.client().getAll("/robots", "robots");
        if (cli.json()) {
            cli.printJson(robots);
            return;
        }
        List<JsonNode> list = new java.util.ArrayList<>();
        robots.forEach(list::add);
        table(list).print(cli.out);
    }

    private static Table table(List<JsonNode> robots) {
        Table table = new Table("NAME", "STATUS", "SCOPES", "EXPIRES", "CREATED BY", "CREATED");
        robots.forEach(r -> table.row(text(r, "name"), text(r, "status"), String.join(" ", texts(r.path("scopes"))),
                text(r, "expiresAt"), text(r, "createdBy"), text(r, "createdAt")));
        return table;
    }
}
