package io.stowage.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests (the metadata store's own and the scale-out cluster's). With {@value #URL_ENV} set (and {@value #USER_ENV}, {@value #PASSWORD_ENV}) it uses
 * that server, which must let the user create databases; otherwise it starts a throwaway cluster from the server
 * binaries under {@code /usr/lib/postgresql/<version>/bin} (Debian's layout): C locale, UTF-8, password
 * authentication over TCP on 127.0.0.1, {@code fsync=on}, in a temporary directory deleted when it stops. PostgreSQL
 * refuses to run as root, so as root the cluster runs as the {@code postgres} user. Without either, it fails: a
 * metadata test that silently skipped its database would prove nothing.
 *
 * <p>Each test takes a {@link #newDatabase() new database}, so stores start empty; reopening a store means opening
 * another one with the same settings. Databases are dropped when the server stops (an external server keeps only
 * what a killed JVM could not drop).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String URL_ENV = "STOWAGE_TEST_POSTGRES_URL";
    public static final String USER_ENV = "STOWAGE_TEST_POSTGRES_USER";
    public static final String PASSWORD_ENV = "STOWAGE_TEST_POSTGRES_PASSWORD";

    private static final String URL_PREFIX = "jdbc:postgresql://";

    /** Where a test database is and how to log in to it. */
    public record Database(String url, String user, String password) {
        @Override
        public String toString() {
            return "Database[" + url + " as " + user + "]";
        }
    }

    private static final Path DEBIAN_INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final String SUPERUSER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static PostgresServer shared;

    private final String baseUrl;
    private final String user;
    private final String password;
    private final Cluster cluster;
    private final List<String> databases = new CopyOnWriteArrayList<>();
    private boolean closed;

    private PostgresServer(String baseUrl, String user, String password, Cluster cluster) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.cluster = cluster;
    }

    /** The server every test in this JVM shares, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            PostgresServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
            shared = server;
        }
        return shared;
    }

    /** Starts (or connects to) a server of its own; the caller closes it. */
    public static PostgresServer start() {
        Map<String, String> env = System.getenv();
        String url = env.get(URL_ENV);
        if (url != null && !url.isBlank()) {
            PostgresServer server = new PostgresServer(url, env.getOrDefault(USER_ENV, SUPERUSER),
                    env.get(PASSWORD_ENV), null);
            server.checkReachable();
            return server;
        }
        Cluster cluster = Cluster.start();
        return new PostgresServer(cluster.url(), SUPERUSER, cluster.password(), cluster);
    }

    /** A new, empty database on this server, created with the server's defaults. */
    public Database newDatabase() {
        return newDatabase("");
    }

    /**
     * A new, empty database created with {@code options} appended to {@code CREATE DATABASE <name>}, e.g.
     * {@code TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'}.
     */
    public Database newDatabase(String options) {
        String name = "stowage_test_" + HexFormat.of().formatHex(randomBytes(6));
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " " + options);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        databases.add(name);
        return new Database(urlOf(name), user, password);
    }

    /** Settings for the server's maintenance database; for tests that inspect the server itself. */
    public Database admin() {
        return new Database(baseUrl, user, password);
    }

    /**
     * A plain connection (autocommit) to {@code database}, for tests that look underneath a store. The PostgreSQL
     * JDBC driver must be on the caller's classpath; this module itself stays JDK only.
     */
    public static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    /** Drops the databases it created and, if it started the cluster, stops and deletes it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (cluster != null) {
            cluster.stop();
            return;
        }
        try (Connection c = connectAdmin(); Statement s = c.createStatement()) {
            for (String name : databases) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop every test database on " + URL_ENV + ": " + e.getMessage());
        }
    }

    private Connection connectAdmin() throws SQLException {
        return DriverManager.getConnection(baseUrl, user, password);
    }

    private void checkReachable() {
        try (Connection ignored = connectAdmin()) {
            // Reachable.
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the PostgreSQL named by " + URL_ENV + " as " + user
                    + ": " + e.getMessage(), e);
        }
    }

    /** {@link #baseUrl} with its database replaced by {@code database}, parameters kept. */
    private String urlOf(String database) {
        String prefix = URL_PREFIX;
        String rest = baseUrl.substring(prefix.length());
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int pathStart = beforeQuery.indexOf('/');
        String hosts = pathStart < 0 ? beforeQuery : beforeQuery.substring(0, pathStart);
        return prefix + hosts + "/" + database + query;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A cluster this class initialised and started, in a temporary directory of its own. */
    private record Cluster(Path bin, Path dir, int port, String password, boolean asPostgresUser) {

        private static final int START_ATTEMPTS = 3;

        static Cluster start() {
            Path bin = findBinaries();
            boolean root = isRoot();
            Path dir;
            try {
                dir = Files.createTempDirectory("stowage-postgres-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the test PostgreSQL cluster", e);
            }
            try {
                return initAndStart(bin, dir, root);
            } catch (IOException e) {
                deleteRecursively(dir);
                throw new UncheckedIOException("cannot prepare a PostgreSQL cluster for the tests", e);
            } catch (RuntimeException e) {
                deleteRecursively(dir);
                throw e;
            }
        }

        private static Cluster initAndStart(Path bin, Path dir, boolean root) throws IOException {
            String password = HexFormat.of().formatHex(randomBytes(16));
            Path passwordFile = Files.writeString(dir.resolve("password"), password + "\n");
            if (root) {
                UserPrincipal postgres = lookupUser(SUPERUSER);
                Files.setOwner(dir, postgres);
                Files.setOwner(passwordFile, postgres);
            }
            run(root, dir.resolve("initdb.log"), bin.resolve("initdb").toString(),
                    "-D", dir.resolve("data").toString(), "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + passwordFile,
                    // A throwaway cluster need not sync its initial files; the server itself runs with fsync.
                    "--no-sync");
            Files.delete(passwordFile);
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                Cluster cluster = new Cluster(bin, dir, freePort(), password, root);
                try {
                    cluster.startServer();
                    return cluster;
                } catch (IllegalStateException e) {
                    // Most likely the port was taken between choosing and binding it.
                    failure = e;
                }
            }
            throw failure;
        }

        String url() {
            return URL_PREFIX + "127.0.0.1:" + port + "/postgres";
        }

        private void startServer() {
            String serverOptions = "-k " + dir + " -c listen_addresses=127.0.0.1 -p " + port
                    + " -c fsync=on -c max_connections=150";
            run(asPostgresUser, dir.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(),
                    "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", serverOptions, "start");
        }

        void stop() {
            try {
                // Immediate: nothing in a throwaway cluster is worth a shutdown checkpoint.
                run(asPostgresUser, dir.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(),
                        "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            } finally {
                deleteRecursively(dir);
            }
        }

        private static Path findBinaries() {
            List<Path> candidates = new ArrayList<>();
            if (Files.isDirectory(DEBIAN_INSTALLATIONS)) {
                try (Stream<Path> versions = Files.list(DEBIAN_INSTALLATIONS)) {
                    versions.map(version -> version.resolve("bin"))
                            .filter(bin -> Files.isExecutable(bin.resolve("initdb"))
                                    && Files.isExecutable(bin.resolve("pg_ctl")))
                            .forEach(candidates::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return candidates.stream()
                    .max(Comparator.comparingInt(bin -> majorVersion(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL for the metadata-postgres tests: set "
                            + URL_ENV + " (and " + USER_ENV + ", " + PASSWORD_ENV + ") to a server where that user"
                            + " may create databases, or install the PostgreSQL server binaries (Debian/Ubuntu:"
                            + " apt-get install postgresql, which provides " + DEBIAN_INSTALLATIONS
                            + "/<version>/bin/initdb and pg_ctl)."));
        }

        private static int majorVersion(String directoryName) {
            try {
                return Integer.parseInt(directoryName);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static boolean isRoot() {
            return "0".equals(output("id", "-u"));
        }

        private static UserPrincipal lookupUser(String name) throws IOException {
            try {
                return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
            } catch (IOException e) {
                throw new IllegalStateException("running as root, so PostgreSQL must run as the '" + name
                        + "' user, which does not exist (the Debian postgresql package creates it)", e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }

        /** Runs a PostgreSQL command (as the postgres user when we are root), failing with its output. */
        private static void run(boolean asPostgresUser, Path log, String... command) {
            List<String> full = new ArrayList<>();
            if (asPostgresUser) {
                full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
            }
            full.addAll(List.of(command));
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + String.join(" ", full));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("failed (exit " + process.exitValue() + "): "
                            + String.join(" ", full) + "\n" + tail(log) + tail(log.resolveSibling("server.log")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + full.getFirst(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
            }
        }

        private static String output(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command[0], e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + command[0], e);
            }
        }

        private static String tail(Path log) {
            try {
                if (!Files.exists(log)) {
                    return "";
                }
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
            } catch (IOException e) {
                return "";
            }
        }

        private static void deleteRecursively(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                System.err.println("could not delete the test PostgreSQL cluster at " + dir + ": " + e);
            }
        }
    }
}
