package io.stowage.storage.fs;

/**
 * The key grammar of {@link io.stowage.storage.ObjectStore}, checked before any key comes near a path. Segments
 * starting with '.' are refused so that "." and ".." cannot climb out of the root and so that dot-names stay free
 * for files that are not objects.
 */
final class ObjectKeys {

    static final int MAX_KEY_LENGTH = 1024;
    static final int MAX_SEGMENT_LENGTH = 255;

    private ObjectKeys() {
    }

    static String requireKey(String key) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("invalid object key: " + printable(key));
        }
        return key;
    }

    /** A prefix is the beginning of some valid key: empty, a key, or a key with its last characters cut off. */
    static String requirePrefix(String prefix) {
        if (prefix == null || !(prefix.isEmpty() || isValidKey(prefix) || isValidKey(prefix + "a"))) {
            throw new IllegalArgumentException("invalid key prefix: " + printable(prefix));
        }
        return prefix;
    }

    static boolean isValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '/') {
                int length = i - segmentStart;
                if (length == 0 || length > MAX_SEGMENT_LENGTH || key.charAt(segmentStart) == '.') {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!isAllowed(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    /** Keys end up in logs and error messages: keep them short and free of control characters. */
    private static String printable(String key) {
        if (key == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        key.codePoints().limit(100).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(key.length() > 100 ? "\"..." : "\"").toString();
    }
}
