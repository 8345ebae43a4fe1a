package io.stowage.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The keys that sign the registry's tokens. They live in the shared store, not on a node, because every node must
 * verify what any other node signed, and all of them must sign with the same current key. Rotation needs no
 * downtime: a new key is added (and becomes the one to sign with), older keys stay so that tokens they signed still
 * verify, are retired once nothing signs with them, and are deleted once no unexpired token can carry them. Which key
 * is current, and when to retire or delete one, is the token service's to decide from the records; the store only
 * keeps them.
 *
 * <p>The private keys are secrets: implementations never log them or put them in an exception message, and
 * {@link SigningKeyRecord#toString()} hides them.
 */
public interface SigningKeyIndex {

    /** Records a new key; false, writing nothing, when the kid is taken (even by a retired key). */
    boolean add(SigningKeyRecord key);

    Optional<SigningKeyRecord> find(String kid);

    /** Every key, retired or not, oldest first: ordered by creation time, then in lexical order of kid. */
    List<SigningKeyRecord> list();

    /**
     * Marks the key retired at {@code at}; false when there is no such key or it was already retired, in which case
     * the first retirement's time stays.
     */
    boolean retire(String kid, Instant at);

    /** Deletes the key, retired or not; false when there is no such key. */
    boolean delete(String kid);
}
