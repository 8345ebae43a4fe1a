package io.stowage.storage.s3;

import io.stowage.storage.ObjectKeys;

import java.util.HexFormat;
import java.util.Optional;

/**
 * Where the bytes of a key live in the bucket. An object written in one go is the S3 object
 * {@code <keyPrefix><key>} (a "whole"); an object grown by several appends is a run of "pieces", one S3 object per
 * append, named {@code <keyPrefix>.<key>!<offset>} with the offset as 12 lowercase hex digits.
 *
 * <p>Why this shape:
 * <ul>
 *   <li>Valid keys never start with '.', so the leading dot keeps pieces apart from wholes.</li>
 *   <li>'!' sorts below every character a key may hold (including '/'), so S3's listing order of piece names is the
 *   order of their keys, then of their offsets: listing keys with pieces needs no sorting, and a key's piece at
 *   offset 0 is the first of its pieces.</li>
 *   <li>The bookkeeping costs {@value #OVERHEAD} characters. S3 names are at most {@value #S3_MAX_NAME_LENGTH}
 *   bytes and keys at most {@link ObjectKeys#MAX_KEY_LENGTH} characters (ASCII), which leaves
 *   {@value #MAX_KEY_PREFIX_LENGTH} for the key prefix. 12 hex digits address 256 TiB, beyond S3's 5 TiB
 *   objects.</li>
 * </ul>
 */
record S3Layout(String keyPrefix) {

    static final int S3_MAX_NAME_LENGTH = 1024;
    static final int OFFSET_DIGITS = 12;
    static final long MAX_OFFSET = (1L << (4 * OFFSET_DIGITS)) - 1;
    private static final char PIECES_MARK = '.';
    private static final char OFFSET_MARK = '!';
    /** The leading dot, the '!' and the offset. */
    static final int OVERHEAD = 2 + OFFSET_DIGITS;
    static final int MAX_KEY_PREFIX_LENGTH = S3_MAX_NAME_LENGTH - ObjectKeys.MAX_KEY_LENGTH - OVERHEAD;

    S3Layout {
        if (keyPrefix == null || keyPrefix.length() > MAX_KEY_PREFIX_LENGTH) {
            throw new IllegalArgumentException("key prefix longer than " + MAX_KEY_PREFIX_LENGTH + " characters");
        }
    }

    /** The S3 name of the whole object of {@code key}. */
    String wholeName(String key) {
        return keyPrefix + key;
    }

    /** The start of the S3 names of every piece of {@code key}, and of no other key's. */
    String piecesPrefix(String key) {
        return keyPrefix + PIECES_MARK + key + OFFSET_MARK;
    }

    String pieceName(String key, long offset) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset out of range: " + offset);
        }
        return piecesPrefix(key) + HexFormat.of().toHexDigits(offset).substring(16 - OFFSET_DIGITS);
    }

    /** The start of the S3 names of the pieces of every key that starts with {@code prefix}. */
    String piecesListingPrefix(String prefix) {
        return keyPrefix + PIECES_MARK + prefix;
    }

    /** An S3 name after every piece of the keys up to {@code key} and before every piece of the keys after it. */
    String afterPiecesOf(String key) {
        return piecesPrefix(key) + '~';
    }

    /**
     * An S3 name after every piece name and before every whole name that follows them: wholes starting with '-'
     * sort before the pieces' '.', all others after '/', which no key starts with.
     */
    String afterAllPieces() {
        return keyPrefix + '/';
    }

    /** The key whose whole object has this S3 name; empty for names that are no key's, e.g. pieces. */
    Optional<String> keyOfWhole(String name) {
        if (!name.startsWith(keyPrefix)) {
            return Optional.empty();
        }
        String key = name.substring(keyPrefix.length());
        return ObjectKeys.isValidKey(key) ? Optional.of(key) : Optional.empty();
    }

    /** The key and offset of the piece with this S3 name; empty for names that are not pieces. */
    Optional<PieceName> pieceOf(String name) {
        int mark = name.lastIndexOf(OFFSET_MARK);
        if (!name.startsWith(keyPrefix + PIECES_MARK) || mark < 0 || name.length() - mark - 1 != OFFSET_DIGITS) {
            return Optional.empty();
        }
        String key = name.substring(keyPrefix.length() + 1, mark);
        String digits = name.substring(mark + 1);
        if (!ObjectKeys.isValidKey(key) || !digits.chars().allMatch(S3Layout::isLowerHex)) {
            return Optional.empty();
        }
        return Optional.of(new PieceName(key, Long.parseLong(digits, 16)));
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    /** What a piece's S3 name says. */
    record PieceName(String key, long offset) {
    }
}
