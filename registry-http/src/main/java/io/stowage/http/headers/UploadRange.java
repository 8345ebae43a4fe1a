package io.stowage.http.headers;

/**
 * The {@code Range} response header of an upload session, {@code 0-<offset of the last byte received>}. The spec's
 * grammar has no form for "nothing yet", so an empty session reports {@code 0-0} as distribution does; that reads the
 * same as one byte received, an ambiguity clients already live with.
 */
public final class UploadRange {

    public static String of(long received) {
        if (received < 0) {
            throw new IllegalArgumentException("negative byte count " + received);
        }
        return "0-" + (received == 0 ? 0 : received - 1);
    }

    private UploadRange() {
    }
}
