package io.stowage.security.token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The current signing key and the previous keys still accepted for verification: rotation without downtime.
 * {@link #rotate} makes a new key current while tokens signed by the old one stay valid until they expire; once the
 * longest token lifetime has passed, {@link #retire} drops the old key. Immutable: each change returns a new ring,
 * so a holder can swap it atomically.
 *
 * @param current  the key new tokens are signed with
 * @param previous keys that only verify, most recently current first
 */
public record KeyRing(SigningKey current, List<SigningKey> previous) {

    public KeyRing {
        if (current == null) {
            throw new IllegalArgumentException("a key ring needs a current key");
        }
        previous = List.copyOf(previous == null ? List.of() : previous);
        Set<String> kids = new HashSet<>();
        kids.add(current.kid());
        for (SigningKey key : previous) {
            if (!kids.add(key.kid())) {
                // Two keys under one kid would make verification depend on which one a lookup finds.
                throw new IllegalArgumentException("key id " + key.kid() + " appears twice in the key ring");
            }
        }
    }

    public static KeyRing of(SigningKey current) {
        return new KeyRing(current, List.of());
    }

    /** A ring whose current key is {@code next}; the current key becomes the most recent previous one. */
    public KeyRing rotate(SigningKey next) {
        if (next == null) {
            throw new IllegalArgumentException("next key is missing");
        }
        List<SigningKey> older = new ArrayList<>(previous.size() + 1);
        older.add(current);
        older.addAll(previous);
        return new KeyRing(next, older);
    }

    /**
     * A ring without previous key {@code kid}; the same ring if there is none. The current key can't be retired:
     * rotate first.
     */
    public KeyRing retire(String kid) {
        if (current.kid().equals(kid)) {
            throw new IllegalArgumentException("the current key can't be retired; rotate to a new key first");
        }
        List<SigningKey> kept = previous.stream().filter(key -> !key.kid().equals(kid)).toList();
        return kept.size() == previous.size() ? this : new KeyRing(current, kept);
    }

    /** Every key, current first: what the JWKS publishes. */
    public List<SigningKey> keys() {
        List<SigningKey> all = new ArrayList<>(previous.size() + 1);
        all.add(current);
        all.addAll(previous);
        return List.copyOf(all);
    }

    /** The public halves of {@link #keys()}, for a {@link TokenVerifier}. */
    public List<VerificationKey> verificationKeys() {
        return keys().stream().map(SigningKey::verificationKey).toList();
    }
}
