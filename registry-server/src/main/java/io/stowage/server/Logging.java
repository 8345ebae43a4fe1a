package io.stowage.server;

/**
 * Configures slf4j-simple through its system properties; must run before the first logger is created.
 * Logs go to standard output with timestamps, one line per event. The thread name is shown because request
 * threads are named after their request id.
 */
final class Logging {

    static void configure(String level, boolean accessLog) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "true");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.stowage.access", accessLog ? "info" : "off");
    }

    private Logging() {
    }
}
