package io.stowage.storage;

/**
 * The key grammar of {@link ObjectStore}, shared by every implementation so that a key one backend accepts is
 * accepted by all. Segments starting with '.' are refused so that "." and ".." cannot climb out of a filesystem
 * root and so that dot-names stay free for an implementation's own bookkeeping.
 *
 * <p>The key limit is below the 1024 bytes S3 allows: an object store on S3 adds its own prefix and suffix to some
 * keys and must still fit in S3's limit.
 */
public final class ObjectKeys {

    /** The longest key, in characters (all of them ASCII, so also in bytes). */
    public static final int MAX_KEY_LENGTH = 1000;
    /** The longest segment between two '/', the common file name limit. */
    public static final int MAX_SEGMENT_LENGTH = 255;

    private ObjectKeys() {
    }

    /**
     * Returns {@code key} when it is valid.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String requireKey(String key) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("invalid object key: " + printable(key));
        }
        return key;
    }

    /**
     * Returns {@code prefix} when it is the beginning of some valid key: empty, a key, or a key with its last
     * characters cut off.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String requirePrefix(String prefix) {
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("invalid key prefix: " + printable(prefix));
        }
        return prefix;
    }

    /** Whether {@code prefix} is the beginning of some valid key. */
    public static boolean isValidPrefix(String prefix) {
        return prefix != null && (prefix.isEmpty() || isValidKey(prefix) || isValidKey(prefix + "a"));
    }

    /** Whether {@code key} follows the grammar of {@link ObjectStore}. */
    public static boolean isValidKey(String key) {
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
