package io.stowage.server.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.stowage.server.cli.Cli.action;
import static io.stowage.server.cli.Cli.text;

/** {@code stowage audit [filters] [--jsonl]}: the audit log, oldest first, every matching event. */
final class AuditCommands {

    private static final Map<String, String> FILTERS = Map.of("--action", "action", "--identity", "identity",
            "--repository", "repository", "--result", "result", "--from", "from", "--to", "to", "--after", "afterId",
            "--limit", "n");

    private AuditCommands() {
    }

    static List<Cli.Action> actions() {
        return List.of(action("", "[--action A] [--identity I] [--repository R] [--result R] [--from T] [--to T] "
                + "[--after ID] [--limit N] [--jsonl]", FILTERS.keySet(), Set.of("--jsonl"), 0, 0, (cli, args) -> {
                    StringBuilder path = new StringBuilder("/audit?format=jsonl");
                    for (Map.Entry<String, String> filter : FILTERS.entrySet()) {
                        args.value(filter.getKey()).ifPresent(v -> path.append('&').append(filter.getValue())
                                .append('=').append(Paths.query(v)));
                    }
                    if (args.flag("--jsonl") || cli.json()) {
                        cli.client().copyLines(path.toString(), cli.out);
                        return;
                    }
                    Table table = new Table("ID", "TIME", "IDENTITY", "ACTION", "REPOSITORY", "REFERENCE", "RESULT",
                            "DETAIL");
                    cli.client().lines(path.toString(), e -> table.row(text(e, "id"), text(e, "at"),
                            text(e, "identity"), text(e, "action"), text(e, "repository"), text(e, "reference"),
                            text(e, "result"), text(e, "detail")));
                    table.print(cli.out);
                }));
    }
}
