package io.stowage.metadata.postgres;

import java.util.Objects;

/**
 * Where the PostgreSQL metadata database is and how many connections this node may hold to it.
 *
 * <p>The password is never printed: {@link #toString()} hides it, and {@link #redactedUrl()} drops the URL's query
 * (where pgjdbc also accepts {@code password=}) and any user info.
 *
 * @param url            a pgjdbc URL, {@code jdbc:postgresql://host[:port][/database][?parameters]}
 * @param user           the role to connect as
 * @param password       its password, or null when the server needs none
 * @param maxConnections the size of this node's pool, 1 to 200; every node has its own, so the server must admit
 *                       the sum
 */
public record PostgresSettings(String url, String user, String password, int maxConnections) {

    static final String URL_PREFIX = "jdbc:postgresql://";
    static final int MAX_CONNECTIONS = 200;

    public PostgresSettings {
        // Messages never quote the URL: it may carry a password.
        Objects.requireNonNull(url, "url");
        if (!url.startsWith(URL_PREFIX) || url.length() == URL_PREFIX.length()) {
            throw new IllegalArgumentException("the PostgreSQL URL must start with " + URL_PREFIX
                    + " and name a host");
        }
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL user must not be blank");
        }
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("maxConnections must be between 1 and " + MAX_CONNECTIONS + ": "
                    + maxConnections);
        }
    }

    /** The URL without user info, query or fragment: safe to log, e.g. {@code jdbc:postgresql://db:5432/stowage}. */
    public String redactedUrl() {
        String rest = url.substring(URL_PREFIX.length());
        int end = indexOfAny(rest, "?#");
        rest = rest.substring(0, end);
        int pathStart = rest.indexOf('/');
        String hosts = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String path = pathStart < 0 ? "" : rest.substring(pathStart);
        int userInfoEnd = hosts.lastIndexOf('@');
        return URL_PREFIX + hosts.substring(userInfoEnd + 1) + path;
    }

    @Override
    public String toString() {
        return "PostgresSettings[url=" + redactedUrl() + ", user=" + user + ", password="
                + (password == null ? "(none)" : "(hidden)") + ", maxConnections=" + maxConnections + "]";
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
