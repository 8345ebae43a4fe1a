package io.stowage.metadata;

/**
 * Makes client-supplied text storable in the audit log instead of refusing it. An attempted username or a user agent
 * is whatever a client sent, and an event must never be lost over it: control characters (NUL above all, which
 * PostgreSQL refuses) and unpaired surrogates (which cannot be encoded) become U+FFFD, and overlong text is cut at a
 * character boundary. Both engines then store and return exactly the same text.
 */
final class AuditText {

    private static final int REPLACEMENT = '\uFFFD';

    /** {@code text} made storable and cut to at most {@code maxLength} chars; null stays null. */
    static String clean(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder cleaned = new StringBuilder(Math.min(text.length(), maxLength));
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (Character.isISOControl(codePoint) || (width == 1 && Character.isSurrogate((char) codePoint))) {
                codePoint = REPLACEMENT;
            }
            if (cleaned.length() + Character.charCount(codePoint) > maxLength) {
                break;
            }
            cleaned.appendCodePoint(codePoint);
            i += width;
        }
        return cleaned.toString();
    }

    private AuditText() {
    }
}
