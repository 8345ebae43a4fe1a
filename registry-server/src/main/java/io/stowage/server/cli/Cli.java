package io.stowage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code stowage user|group|robot|namespace|grant|rule|immutability|quota|usage|tags|retention|audit|keys|gc|scrub
 * ...}: the administration commands. Each is a client of a running registry's administration API
 * ({@code --registry}, default {@code http://127.0.0.1:5000} or {@code STOWAGE_REGISTRY}), logged in as
 * {@code --user} (default {@code admin}, or {@code STOWAGE_USER}) with the password from {@code STOWAGE_PASSWORD}
 * or the first line of standard input ({@code --password-stdin}); never from the command line, where other users could read it. Output is a table for
 * people, or the API's JSON with {@code --json}. Exit codes: 0 done, 1 the registry refused or could not be reached, 2 a usage error.
 */
public final class Cli {

    /** The command groups, in the order the usage text lists them. */
    public static final Set<String> COMMANDS = Set.of("user", "group", "robot", "namespace", "grant", "rule",
            "immutability", "quota", "usage", "tags", "retention", "audit", "keys", "gc", "scrub");

    static final String DEFAULT_REGISTRY = "http://127.0.0.1:5000";

    public static final String USAGE = """
            Administration (a client of a running registry's /api/v1):
              user create NAME [--admin] [--new-password-stdin]   create a user (password generated unless given)
              user list | show NAME | delete NAME
              user passwd NAME [--new-password-stdin]              set a user's password (generated unless given)
              user disable NAME | enable NAME | admin NAME on|off
              user import-htpasswd FILE                            create the users of an htpasswd file (bcrypt)
              group add GROUP USER | remove GROUP USER | list GROUP
              robot create NAME [--scope repository:GLOB:ACTIONS]... [--expires 30d]
                                                                   create a robot; its secret is printed once
              robot list | show NAME | revoke NAME | delete NAME
              namespace create NAME [--public] | list | show NAME | delete NAME | public NAME | private NAME
              grant add NAMESPACE user|robot|group NAME ROLE       ROLE: reader, developer, maintainer, admin
              grant remove NAMESPACE user|robot|group NAME | list NAMESPACE
              rule add NAMESPACE GLOB user|robot|group NAME ROLE|deny | remove NAMESPACE ID | list NAMESPACE
              immutability add NAMESPACE TAG_REGEX [--repositories GLOB]
                                                                   make matching tags immutable (whole-tag regex)
              immutability remove NAMESPACE ID | list NAMESPACE
              quota set NAMESPACE BYTES|none                       e.g. 500GiB, 10GB, 1073741824; none removes it
              usage NAMESPACE | --repository REPOSITORY            logical, stored and unique bytes; quota
              tags REPOSITORY                                      tags with digest, push and last-pull times
              retention add NAMESPACE [--repositories GLOB] [--keep-last N] [--keep-pushed-within 30d]
                    [--keep-pulled-within 30d] [--include REGEX] [--exclude REGEX]
                    [--untagged-older-than 14d] [--disabled]           add a retention policy
              retention list NAMESPACE | remove NAMESPACE ID | enable NAMESPACE ID | disable NAMESPACE ID
              retention run [NAMESPACE] [--dry-run]                apply the policies now (or say what would go)
              audit [--action A] [--identity I] [--repository R] [--result R] [--from T] [--to T]
                    [--after ID] [--limit N] [--jsonl]
              keys list | rotate | retire KID
              gc [--dry-run]                                       collect garbage now (or say what it would take)
              scrub [--blobs N]                                    re-hash N stored blobs now (default 1000)

            Options for administration commands:
              --registry URL       the registry (default http://127.0.0.1:5000; env STOWAGE_REGISTRY)
              --user NAME          log in as NAME (default admin; env STOWAGE_USER)
              --password-stdin     read the password from the first line of standard input (else env
                                   STOWAGE_PASSWORD); --new-password-stdin reads a new password from the next line
              --json               print the API's JSON instead of a table
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final PrintStream out;
    final PrintStream err;
    private final Map<String, String> environment;
    private final BufferedReader stdin;
    private Arguments arguments;
    private AdminClient client;

    private Cli(Map<String, String> environment, InputStream stdin, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.stdin = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    /** One subcommand of a group: its name, its usage, what it accepts and what it does. */
    record Action(String name, String usage, Set<String> values, Set<String> flags, int minArgs, int maxArgs,
                  Handler handler) {
    }

    @FunctionalInterface
    interface Handler {
        void run(Cli cli, Arguments args) throws IOException;
    }

    /** Runs {@code command} with {@code args}; returns the exit code. */
    public static int run(String command, List<String> args, Map<String, String> environment, InputStream stdin,
                          PrintStream out, PrintStream err) {
        return new Cli(environment, stdin, out, err).run(command, args);
    }

    private int run(String command, List<String> args) {
        Map<String, Action> actions = actions(command);
        try {
            Action action;
            List<String> rest;
            if (command.equals("audit") || command.equals("gc") || command.equals("scrub") || command.equals("usage")
                    || command.equals("tags")) {
                action = actions.get("");
                rest = args;
            } else {
                if (args.isEmpty() || args.getFirst().startsWith("-")) {
                    throw new UsageException("stowage " + command + " needs a subcommand");
                }
                action = actions.get(args.getFirst());
                if (action == null) {
                    throw new UsageException("unknown subcommand '" + args.getFirst() + "' of stowage " + command);
                }
                rest = args.subList(1, args.size());
            }
            arguments = Arguments.parse(rest, action.values(), action.flags());
            int count = arguments.positionals().size();
            if (count < action.minArgs() || count > action.maxArgs()) {
                throw new UsageException("usage: stowage " + command + " " + action.usage());
            }
            client = new AdminClient(registry(), user(), password());
            action.handler().run(this, arguments);
            return 0;
        } catch (UsageException e) {
            err.println("stowage: " + e.getMessage());
            err.println();
            err.println("Usage of stowage " + command + ":");
            actions.values().forEach(a -> err.println("  stowage " + command + " " + a.usage()));
            return 2;
        } catch (ApiException e) {
            err.println("stowage: " + (e.status() == 0 ? "" : statusWord(e.status()) + ": ") + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("stowage: " + e.getMessage());
            return 1;
        }
    }

    private static Map<String, Action> actions(String command) {
        List<Action> list = switch (command) {
            case "user" -> UserCommands.actions();
            case "group" -> UserCommands.groupActions();
            case "robot" -> RobotCommands.actions();
            case "namespace" -> NamespaceCommands.actions();
            case "grant" -> NamespaceCommands.grantActions();
            case "rule" -> NamespaceCommands.ruleActions();
            case "immutability" -> LifecycleCommands.immutabilityActions();
            case "quota" -> LifecycleCommands.quotaActions();
            case "usage" -> LifecycleCommands.usageActions();
            case "tags" -> LifecycleCommands.tagsActions();
            case "retention" -> RetentionCommands.actions();
            case "audit" -> AuditCommands.actions();
            case "keys" -> KeyCommands.actions();
            case "gc" -> KeyCommands.gcActions();
            case "scrub" -> KeyCommands.scrubActions();
            default -> throw new IllegalArgumentException("not an administration command: " + command);
        };
        Map<String, Action> map = new LinkedHashMap<>();
        list.forEach(a -> map.put(a.name(), a));
        return map;
    }

    private static String statusWord(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "not logged in (wrong user or password?)";
            case 403 -> "denied";
            case 404 -> "not found";
            case 409 -> "conflict";
            default -> "HTTP " + status;
        };
    }

    private URI registry() {
        String url = arguments.value("--registry").orElse(Optional.ofNullable(environment.get("STOWAGE_REGISTRY"))
                .filter(s -> !s.isEmpty()).orElse(DEFAULT_REGISTRY));
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--registry must be an http:// or https:// URL, e.g. " + DEFAULT_REGISTRY);
        }
    }

    private String user() {
        return arguments.value("--user").orElse(Optional.ofNullable(environment.get("STOWAGE_USER"))
                .filter(s -> !s.isEmpty()).orElse("admin"));
    }

    private char[] password() throws IOException {
        if (arguments.flag("--password-stdin")) {
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("--password-stdin: standard input has no password");
            }
            return line.toCharArray();
        }
        String password = environment.get("STOWAGE_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new UsageException("no password: set STOWAGE_PASSWORD or use --password-stdin");
        }
        return password.toCharArray();
    }

    /** The next line of standard input, for a new password (after the login password with --password-stdin). */
    String newPasswordFromStdin() throws IOException {
        String line = stdin.readLine();
        if (line == null || line.isEmpty()) {
            throw new UsageException("--new-password-stdin: standard input has no new password");
        }
        return line;
    }

    AdminClient client() {
        return client;
    }

    boolean json() {
        return arguments.flag("--json");
    }

    void printJson(JsonNode node) throws IOException {
        out.println(JSON.writeValueAsString(node));
    }

    static Action action(String name, String usage, int minArgs, int maxArgs, Handler handler) {
        return new Action(name, usage, Set.of(), Set.of(), minArgs, maxArgs, handler);
    }

    static Action action(String name, String usage, Set<String> values, Set<String> flags, int minArgs, int maxArgs,
                         Handler handler) {
        return new Action(name, usage, values, flags, minArgs, maxArgs, handler);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
