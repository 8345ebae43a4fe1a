package io.stowage.interop.oras;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the registry's access log, as the registry saw the request: the tests use it to check what the SDK
 * really sends on the wire (how many PATCH requests, how many bytes each), not what its API suggests.
 */
record AccessLogEntry(String method, String path, int status, long bytesIn, String userAgent) {

    private static final Pattern LINE = Pattern.compile(
            "method=(\\S+) path=\"((?:[^\"\\\\]|\\\\.)*)\" status=(\\d+) bytes_in=(\\d+)"
                    + ".*?(?: user_agent=\"((?:[^\"\\\\]|\\\\.)*)\")?(?: aborted=.*)?$");

    static List<AccessLogEntry> parseAll(String log) {
        List<AccessLogEntry> entries = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                entries.add(new AccessLogEntry(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
                        Long.parseLong(m.group(4)), m.group(5) == null ? "" : m.group(5)));
            }
        }
        return entries;
    }

    boolean fromOrasSdk() {
        return userAgent.startsWith("ORAS-Java-SDK/");
    }
}
