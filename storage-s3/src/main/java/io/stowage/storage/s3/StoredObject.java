package io.stowage.storage.s3;

import io.stowage.storage.StorageException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** What holds the bytes of an existing key: one whole S3 object, or a run of pieces (see {@link S3Layout}). */
sealed interface StoredObject permits StoredObject.Whole, StoredObject.Pieces {

    long size();

    Instant lastModified();

    /** The S3 names to delete, first the one whose removal makes the object disappear. */
    List<String> names();

    /** The S3 object {@code name} is the object. */
    record Whole(String name, long size, Instant lastModified) implements StoredObject {

        @Override
        public List<String> names() {
            return List.of(name);
        }
    }

    /**
     * The concatenation of pieces, which start at offset 0 and follow each other without gap or overlap.
     *
     * @param pieces in ascending offset order
     */
    record Pieces(String key, List<Piece> pieces) implements StoredObject {

        public Pieces {
            pieces = List.copyOf(pieces);
            if (pieces.isEmpty()) {
                throw new IllegalArgumentException("no pieces of " + key);
            }
            long expected = 0;
            for (Piece piece : pieces) {
                if (piece.offset() != expected) {
                    throw new StorageException("the pieces of " + key + " are damaged: expected one at offset "
                            + expected + ", found " + piece.name());
                }
                expected = piece.end();
            }
        }

        @Override
        public long size() {
            return pieces.getLast().end();
        }

        @Override
        public Instant lastModified() {
            return pieces.stream().map(Piece::lastModified).max(Comparator.naturalOrder()).orElseThrow();
        }

        /** The piece at offset 0 first: with it gone the rest is no object any more (see {@link PieceSet}). */
        @Override
        public List<String> names() {
            return pieces.stream().map(Piece::name).toList();
        }
    }
}
