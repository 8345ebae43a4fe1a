package io.stowage.interop;

import java.util.List;

/**
 * What a registry process wrote to its output, line by line, with the selections the tests make: access-log lines
 * (slf4j-simple names the logger, {@code io.stowage.access}, on each line) and the lines of one request.
 */
record RegistryLog(List<String> lines) {

    private static final String ACCESS_LOGGER = " io.stowage.access - ";
    /** On the start-up line, plain ({@code http://...}) or with TLS ({@code https://...}). */
    static final String STARTUP_MARKER = " listening on ";

    RegistryLog {
        lines = List.copyOf(lines);
    }

    static RegistryLog of(String output) {
        return new RegistryLog(output.lines().toList());
    }

    List<String> accessLines() {
        return lines.stream().filter(line -> line.contains(ACCESS_LOGGER)).toList();
    }

    /** Lines naming the request: its access-log line, and nothing else for a request that did not fail. */
    List<String> linesOfRequest(String requestId) {
        return containing("request_id=" + requestId);
    }

    List<String> startupLines() {
        return containing(STARTUP_MARKER);
    }

    List<String> containing(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
