package io.stowage.security.password;

import io.stowage.security.Usernames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Apache htpasswd file so its accounts can be imported: one {@code user:hash} per line, blank lines and
 * {@code #} comments ignored.
 *
 * <p>Only bcrypt ({@code htpasswd -B}) and Argon2id hashes are accepted. MD5 ({@code $apr1$}), SHA-1
 * ({@code {SHA}}), crypt and plain-text lines are refused rather than skipped: an import that quietly dropped
 * accounts would lock users out without saying why, and one that kept weak hashes would keep them brute-forceable.
 * The whole file is refused at the first bad line, so an import is all or nothing.
 */
public final class Htpasswd {

    /** One account of an htpasswd file. */
    public record Entry(String username, PasswordHash hash) {
        public Entry {
            Usernames.requireValid(username);
            if (hash == null) {
                throw new IllegalArgumentException("password hash is missing");
            }
        }
    }

    private Htpasswd() {
    }

    /**
     * The entries of {@code content}, in file order.
     *
     * @throws HtpasswdException at the first refused line: an unsupported hash, an invalid username, a missing
     *                           {@code :}, or a user already defined on an earlier line
     */
    public static List<Entry> parse(String content) {
        if (content == null) {
            throw new IllegalArgumentException("htpasswd content is missing");
        }
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Entry entry = parseLine(lineNumber, line);
            Integer earlier = firstLine.putIfAbsent(entry.username(), lineNumber);
            if (earlier != null) {
                throw new HtpasswdException(lineNumber, "user already defined on line " + earlier);
            }
            entries.add(entry);
        }
        return List.copyOf(entries);
    }

    private static Entry parseLine(int lineNumber, String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new HtpasswdException(lineNumber, "expected user:hash");
        }
        String username = line.substring(0, colon);
        if (!Usernames.isValid(username)) {
            throw new HtpasswdException(lineNumber,
                    "invalid username (1 to 64 of a-z 0-9 . _ -, starting with a letter or digit)");
        }
        String hash = line.substring(colon + 1);
        refuseWeakSchemes(lineNumber, hash);
        try {
            return new Entry(username, PasswordHash.parse(hash));
        } catch (IllegalArgumentException e) {
            // PasswordHash's messages never include the hash, so they are safe to pass on.
            throw new HtpasswdException(lineNumber, e.getMessage());
        }
    }

    private static void refuseWeakSchemes(int lineNumber, String hash) {
        String advice = "; re-create the entry with htpasswd -B (bcrypt)";
        if (hash.startsWith("$apr1$")) {
            throw new HtpasswdException(lineNumber, "MD5 ($apr1$) hashes are not accepted" + advice);
        }
        if (hash.startsWith("{SHA}")) {
            throw new HtpasswdException(lineNumber, "SHA-1 ({SHA}) hashes are not accepted" + advice);
        }
        if (hash.startsWith("$1$") || hash.startsWith("$5$") || hash.startsWith("$6$") || isDesCrypt(hash)) {
            throw new HtpasswdException(lineNumber, "crypt hashes are not accepted" + advice);
        }
        if (!hash.startsWith("$")) {
            throw new HtpasswdException(lineNumber, "plain-text passwords are not accepted" + advice);
        }
    }

    /** Traditional DES crypt: 13 characters of {@code [./0-9A-Za-z]}. */
    private static boolean isDesCrypt(String hash) {
        if (hash.length() != 13) {
            return false;
        }
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            boolean valid = c == '.' || c == '/' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z');
            if (!valid) {
                return false;
            }
        }
        return true;
    }
}
