package io.stowage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

import static io.stowage.server.cli.Cli.action;
import static io.stowage.server.cli.Cli.text;

/** {@code stowage keys ...} and {@code stowage gc}. */
final class KeyCommands {

    private KeyCommands() {
    }

    static List<Cli.Action> actions() {
        return List.of(
                action("list", "list", 0, 0, (cli, args) -> {
                    JsonNode keys = cli.client().get("/keys").path("keys");
                    if (cli.json()) {
                        cli.printJson(keys);
                        return;
                    }
                    Table table = new Table("KID", "ALGORITHM", "CREATED", "RETIRED", "CURRENT");
                    keys.forEach(k -> table.row(text(k, "kid"), text(k, "algorithm"), text(k, "createdAt"),
                            text(k, "retiredAt"), k.path("current").asBoolean() ? "yes" : ""));
                    table.print(cli.out);
                }),
                action("rotate", "rotate", 0, 0, (cli, args) -> {
                    JsonNode key = cli.client().post("/keys/rotate", null);
                    if (cli.json()) {
                        cli.printJson(key);
                        return;
                    }
                    cli.out.println("new signing key " + text(key, "kid") + " (" + text(key, "algorithm")
                            + ") signs from now on; tokens signed before keep working until their key is retired");
                }),
                action("retire", "retire KID", 1, 1, (cli, args) -> {
                    JsonNode key = cli.client().post("/keys/" + Paths.segment(args.positional(0)) + "/retire", null);
                    if (cli.json()) {
                        cli.printJson(key);
                        return;
                    }
                    cli.out.println("retired key " + text(key, "kid") + ": tokens signed with it are refused now");
                }));
    }

    static List<Cli.Action> gcActions() {
        return List.of(action("", "[--dry-run]", Set.of(), Set.of("--dry-run"), 0, 0, (cli, args) -> {
            boolean dry = args.flag("--dry-run");
            JsonNode report = cli.client().post("/gc" + (dry ? "?dryRun=true" : ""), null);
            if (cli.json()) {
                cli.printJson(report);
                return;
            }
            long blobs = report.path("blobsDeleted").asLong();
            long links = report.path("linksPruned").asLong();
            long bytes = report.path("bytesFreed").asLong();
            cli.out.println((dry ? "dry run: would prune " : "pruned ") + links + " unreferenced links and "
                    + (dry ? "delete " : "deleted ") + blobs + " blobs (" + bytes + " bytes)"
                    + (dry ? "; nothing was deleted" : " in " + report.path("tookMillis").asLong() + " ms"));
        }));
    }

    static List<Cli.Action> scrubActions() {
        return List.of(action("", "[--blobs N]", Set.of("--blobs"), Set.of(), 0, 0, (cli, args) -> {
            String blobs = args.value("--blobs").orElse("1000");
            JsonNode report = cli.client().post("/scrub?blobs=" + java.net.URLEncoder.encode(blobs,
                    java.nio.charset.StandardCharsets.UTF_8), null);
            if (cli.json()) {
                cli.printJson(report);
                return;
            }
            cli.out.println("checked " + report.path("checked").asLong() + " blobs (" + report.path("bytes").asLong()
                    + " bytes): " + report.path("corrupt").asLong() + " corrupt, " + report.path("missing").asLong()
                    + " missing");
        }));
    }
}
