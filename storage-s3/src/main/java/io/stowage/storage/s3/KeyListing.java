package io.stowage.storage.s3;

import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link io.stowage.storage.ObjectStore#list} on S3: the keys of whole objects merged with the keys of pieced
 * objects. Both come out of S3 already in key order (see {@link S3Layout}), so the merge pages through the two
 * listings side by side and holds no more than a page of each.
 */
final class KeyListing {

    /** S3's largest page. */
    private static final int MAX_PAGE = 1000;

    private final BucketClient bucket;
    private final S3Layout layout;

    KeyListing(BucketClient bucket, S3Layout layout) {
        this.bucket = bucket;
        this.layout = layout;
    }

    /** Up to {@code limit} (positive) keys starting with the valid {@code prefix}, after {@code startAfter}. */
    List<String> list(String prefix, String startAfter, int limit) {
        String after = startAfter == null || startAfter.isEmpty() ? null : startAfter;
        KeySource wholes = new WholeKeys(new ListingCursor(bucket, layout.wholeName(prefix),
                after == null ? null : layout.wholeName(after), Math.min(MAX_PAGE, limit)));
        KeySource pieced = new PiecedKeys(new ListingCursor(bucket, layout.piecesListingPrefix(prefix),
                after == null ? null : layout.afterPiecesOf(after), MAX_PAGE));
        List<String> keys = new ArrayList<>();
        while (keys.size() < limit) {
            String whole = wholes.peek();
            String piece = pieced.peek();
            String next;
            if (whole == null && piece == null) {
                break;
            } else if (piece == null || whole != null && whole.compareTo(piece) <= 0) {
                next = wholes.take();
                if (next.equals(piece)) {
                    // an append is turning the whole object into pieces: both hold the same bytes
                    pieced.take();
                }
            } else {
                next = pieced.take();
            }
            // S3 compares UTF-8 bytes; an odd startAfter must not let a key through that String order excludes.
            if ((after == null || next.compareTo(after) > 0) && next.startsWith(prefix)) {
                keys.add(next);
            }
        }
        return keys;
    }

    /** Keys in ascending order with one key of look-ahead. */
    private abstract static class KeySource {
        private String head;
        private boolean peeked;

        /** The next key without taking it; null after the last. */
        final String peek() {
            if (!peeked) {
                head = advance();
                peeked = true;
            }
            return head;
        }

        final String take() {
            String key = peek();
            peeked = false;
            return key;
        }

        abstract String advance();
    }

    /** The keys of whole objects, skipping pieces and names that are no key (put there by other tools). */
    private final class WholeKeys extends KeySource {
        private final ListingCursor cursor;

        WholeKeys(ListingCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        String advance() {
            for (S3Object listed; (listed = cursor.next()) != null; ) {
                String name = listed.key();
                if (name.startsWith(layout.piecesListingPrefix(""))) {
                    // only an empty prefix lists the pieces' namespace; jump over it rather than page through it
                    cursor.skipTo(layout.afterAllPieces());
                    continue;
                }
                var key = layout.keyOfWhole(name);
                if (key.isPresent()) {
                    return key.get();
                }
            }
            return null;
        }
    }

    /** The keys of pieced objects: those with a piece at offset 0, which comes first among a key's pieces. */
    private final class PiecedKeys extends KeySource {
        private final ListingCursor cursor;

        PiecedKeys(ListingCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        String advance() {
            for (S3Object listed; (listed = cursor.next()) != null; ) {
                var piece = layout.pieceOf(listed.key());
                if (piece.isPresent() && piece.get().offset() == 0) {
                    return piece.get().key();
                }
            }
            return null;
        }
    }
}
