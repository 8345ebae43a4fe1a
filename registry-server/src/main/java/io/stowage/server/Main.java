package io.stowage.server;

import io.stowage.server.cli.Cli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.stowage.server.training.Workload;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar stowage.jar serve [--listen HOST:PORT] [--data DIR] [--config FILE]}, and the administration
 * commands ({@link Cli}), which are clients of a running registry.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar stowage.jar <command> [options]

            Commands:
              serve      start the registry (the default)
              version    print the version
              exercise   run a representative client workload against a registry: exercise URL [SECONDS]
                         (the launcher trains its start-up cache with it; also a smoke test)
              help       print this help
              user, group, robot, namespace, grant, rule, immutability, quota, usage, tags, retention, audit, keys,
              gc, scrub
                         administer a running registry (below)

            Options for serve:
              --listen HOST:PORT   address to listen on (default 127.0.0.1:5000; env STOWAGE_LISTEN)
              --data DIR           data directory (default ./stowage-data; env STOWAGE_DATA)
              --config FILE        YAML configuration file (see docs/configuration.md)
              --anonymous MODE     what callers without credentials may do: none, pull or push (default push on
                                   a loopback address, none on any other; env STOWAGE_AUTH_ANONYMOUS)

            """ + Cli.USAGE;

    private static final Set<String> OPTIONS = Set.of("--listen", "--data", "--config", "--anonymous");
    private static final Set<String> COMMAND_OPTIONS = Set.of("--version", "--help");

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (Config.ConfigException e) {
            System.err.println("stowage: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        // A leading option belongs to the default command, serve, unless it is one of the options that act as
        // commands: without that exception "--help" and "--version" would reach serve's parser as unknown options.
        boolean implicitServe = args.length == 0 || args[0].startsWith("--") && !COMMAND_OPTIONS.contains(args[0]);
        String command = implicitServe ? "serve" : args[0];
        int first = implicitServe ? 0 : 1;
        switch (command) {
            case "version", "--version" -> {
                System.out.println("stowage " + Version.get());
                return 0;
            }
            case "help", "--help", "-h" -> {
                System.out.print(USAGE);
                return 0;
            }
            case "serve" -> {
                return serve(args, first);
            }
            case "exercise" -> {
                return exercise(List.of(args).subList(first, args.length));
            }
            case "user", "group", "robot", "namespace", "grant", "rule", "immutability", "quota", "usage", "tags",
                 "retention", "audit", "keys", "gc", "scrub" -> {
                return Cli.run(command, List.of(args).subList(first, args.length), System.getenv(), System.in,
                        System.out, System.err);
            }
            default -> {
                System.err.print("stowage: unknown command '" + command + "'\n\n" + USAGE);
                return 2;
            }
        }
    }

    private static int exercise(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            System.err.print("stowage: exercise URL [SECONDS]\n\n" + USAGE);
            return 2;
        }
        Duration duration;
        URI url;
        try {
            url = URI.create(args.get(0));
            duration = Duration.ofSeconds(args.size() == 2 ? Long.parseLong(args.get(1)) : 10);
        } catch (IllegalArgumentException e) {
            System.err.println("stowage: exercise needs a registry URL and a number of seconds: " + e.getMessage());
            return 2;
        }
        Workload workload = new Workload(url, duration);
        try {
            long failures = workload.run();
            System.out.println("exercise: " + workload.requests() + " requests, " + failures + " unexpected answers");
            return failures == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int serve(String[] args, int first) {
        Map<String, String> flags = new HashMap<>();
        Optional<Path> configFile = Optional.ofNullable(System.getenv("STOWAGE_CONFIG")).map(Path::of);
        for (int i = first; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            // Checked before looking for a value: a mistyped last option must be named as unknown, not as missing
            // its value.
            if (!OPTIONS.contains(name)) {
                throw new Config.ConfigException("unknown option " + name + "\n\n" + USAGE);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new Config.ConfigException("option " + name + " needs a value");
            }
            switch (name) {
                case "--listen" -> flags.put(Setting.LISTEN.key(), value);
                case "--data" -> flags.put(Setting.DATA.key(), value);
                case "--anonymous" -> flags.put(Setting.AUTH_ANONYMOUS.key(), value);
                case "--config" -> configFile = Optional.of(Path.of(value));
                default -> throw new IllegalStateException("option without a case: " + name);
            }
        }
        Config config = Config.load(configFile, System.getenv(), flags);
        Logging.configure(config.get(Setting.LOG_LEVEL), config.getBoolean(Setting.ACCESS_LOG));
        Logger log = LoggerFactory.getLogger(Main.class);
        Stowage stowage;
        try {
            stowage = Stowage.start(config);
        } catch (Config.ConfigException e) {
            throw e;
        } catch (Exception e) {
            log.error("failed to start", e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("stowage-shutdown").unstarted(() -> {
            log.info("shutting down: finishing in-flight requests");
            try {
                stowage.close();
            } catch (Exception e) {
                log.warn("error during shutdown", e);
            }
            log.info("stopped");
        }));
        HostPort listen = config.listen();
        stowage.adminPasswordFile().ifPresent(file -> log.info(
                "created the administrator account 'admin'; its generated password is in {} (readable only by you)",
                file));
        // With TLS the line says so twice: the https URL, and the protocols ALPN offers (h2 first).
        log.info("Stowage {} listening on {}://{}:{} {}{}storage={} metadata={} anonymous={}", Version.get(),
                stowage.scheme(),
                listen.host().indexOf(':') >= 0 ? "[" + listen.host() + "]" : listen.host(), stowage.port(),
                stowage.scheme().equals("https") ? "protocols=" + String.join(",", stowage.protocols()) + " " : "",
                Backends.usesDataDirectory(config) ? "data=" + config.dataDirectory() + " " : "",
                stowage.describeStorage(), stowage.describeMetadata(), stowage.anonymousAccess().id());
        try {
            stowage.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
