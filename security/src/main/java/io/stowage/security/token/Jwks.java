package io.stowage.security.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * JSON Web Key Sets (RFC 7517 section 5): how the public halves of the signing keys are published, so registry
 * nodes and other verifiers can check tokens without holding private keys.
 */
public final class Jwks {

    /** Bounds the work on hostile input; a set of a hundred keys is under 30 KiB. */
    public static final int MAX_LENGTH = 256 * 1024;

    private Jwks() {
    }

    /** {@code {"keys":[...]}} with the public half of each key, never a private member. */
    public static String render(List<SigningKey> keys) {
        return renderVerificationKeys(keys.stream().map(SigningKey::verificationKey).toList());
    }

    /** {@code {"keys":[...]}} with each key's {@code kty}, {@code crv}, coordinates, kid, alg and {@code use}. */
    public static String renderVerificationKeys(List<VerificationKey> keys) {
        ObjectNode set = Json.object();
        ArrayNode array = set.putArray("keys");
        for (VerificationKey key : keys) {
            array.add(Jwk.render(key));
        }
        return Json.write(set);
    }

    /**
     * The P-256 and Ed25519 signature keys of a JWKS, with the algorithm each is pinned to. Keys of other types are
     * skipped, as RFC 7517 asks.
     *
     * @throws IllegalArgumentException if the text is not a JWKS, a key of a known type is malformed, holds private
     *                                  material, or two keys share a kid
     */
    public static List<VerificationKey> parse(String json) {
        if (json == null || json.isEmpty()) {
            throw new IllegalArgumentException("JWKS is empty");
        }
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("JWKS is longer than " + MAX_LENGTH + " characters");
        }
        ObjectNode set = Json.readObject(json).orElseThrow(() -> new IllegalArgumentException("JWKS is not a JSON object"));
        JsonNode keys = set.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new IllegalArgumentException("JWKS has no keys array");
        }
        List<VerificationKey> parsed = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        for (JsonNode key : keys) {
            if (!(key instanceof ObjectNode jwk)) {
                throw new IllegalArgumentException("JWKS key is not a JSON object");
            }
            Jwk.parse(jwk).ifPresent(verificationKey -> {
                if (!kids.add(verificationKey.kid())) {
                    throw new IllegalArgumentException("JWKS has two keys with one kid");
                }
                parsed.add(verificationKey);
            });
        }
        return List.copyOf(parsed);
    }
}
