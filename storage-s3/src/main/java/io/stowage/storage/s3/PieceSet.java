package io.stowage.storage.s3;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every piece S3 holds for one key, object or not. Pieces without one at offset 0 are what an interrupted delete or
 * move left behind (those remove the piece at offset 0 first, in a request of its own), so they are no object: a
 * reader never sees an object that is half deleted.
 */
record PieceSet(String key, List<Piece> pieces) {

    PieceSet {
        pieces = pieces.stream().sorted(Comparator.comparingLong(Piece::offset)).toList();
    }

    /** Lists the pieces of {@code key}: one request per thousand of them. */
    static PieceSet of(BucketClient bucket, S3Layout layout, String key) {
        List<Piece> pieces = bucket.listAll(layout.piecesPrefix(key)).stream()
                .flatMap(listed -> layout.pieceOf(listed.key())
                        .filter(name -> name.key().equals(key))
                        .map(name -> new Piece(listed.key(), name.offset(), listed.size(), listed.lastModified()))
                        .stream())
                .toList();
        return new PieceSet(key, pieces);
    }

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    /** Whether there is a piece at offset 0, which makes the pieces an object (maybe a damaged one). */
    boolean hasFirst() {
        return !pieces.isEmpty() && pieces.getFirst().offset() == 0;
    }

    /**
     * The object these pieces make, if they start at offset 0.
     *
     * @throws io.stowage.storage.StorageException when they do but have a gap
     */
    Optional<StoredObject.Pieces> object() {
        return hasFirst() ? Optional.of(new StoredObject.Pieces(key, pieces)) : Optional.empty();
    }

    List<String> names() {
        return pieces.stream().map(Piece::name).toList();
    }
}
