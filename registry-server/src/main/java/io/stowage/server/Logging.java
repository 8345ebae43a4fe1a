package io.stowage.server;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Configures slf4j-simple through its system properties; must run before the first logger is created.
 * Logs go to standard output with timestamps, one line per event. The thread name is shown because request
 * threads are named after their request id.
 */
final class Logging {

    /** The levels docs/configuration.md lists for {@code log.level}. */
    private static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

    static void configure(String level, boolean accessLog) {
        String normalized = level.trim().toLowerCase(Locale.ROOT);
        // slf4j-simple quietly treats an unknown level as info; like every other setting, a typo must stop start-up.
        if (!LEVELS.contains(normalized)) {
            throw new Config.ConfigException(Setting.LOG_LEVEL.key() + ": expected one of " + String.join(", ", LEVELS)
                    + "; got '" + level + "'");
        }
        groupFlushStandardOutput();
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", normalized);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "true");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.stowage.access", accessLog ? "info" : "off");
    }

    private static boolean grouped;

    /**
     * slf4j-simple writes to whatever {@code System.out} is when it logs, and flushes after each line: standard output
     * becomes a {@link GroupFlushOutputStream}, one write per millisecond under load rather than one per request, and
     * written out by the JVM's shutdown.
     */
    private static synchronized void groupFlushStandardOutput() {
        if (grouped) {
            return;
        }
        grouped = true;
        GroupFlushOutputStream out = new GroupFlushOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(out, true, System.out.charset()));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("stowage-log-close").unstarted(() -> {
            try {
                out.close();
            } catch (IOException e) {
                // Standard output is gone: nothing to write to.
            }
        }));
    }

    private Logging() {
    }
}
