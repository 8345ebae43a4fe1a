package io.stowage.security.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.security.token.TokenException.Reason;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies registry tokens against a fixed set of accepted keys, an expected issuer and audience, and a clock.
 *
 * <p>The order of checks is the security argument: the header is read only to find the key by kid; the algorithm
 * must be the one pinned to that key (so {@code none}, HMAC and algorithm substitution fail before any
 * cryptography); the signature is checked before a single claim is read; only then issuer, audience and validity
 * times, with a small leeway for clock skew between nodes. Every failure is a {@link TokenException}; no other
 * exception leaves {@link #verify}, whatever the input.
 *
 * <p>Immutable and thread-safe. After a key rotation, build a new verifier from the new
 * {@link KeyRing#verificationKeys()}.
 */
public final class TokenVerifier {

    /**
     * Longer tokens are refused before any decoding. A token granting a dozen scopes is under 2 KiB;
     * {@link TokenSigner} refuses to produce one over this bound.
     */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    public static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

    private final Map<String, VerificationKey> keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Duration leeway;

    public TokenVerifier(Collection<VerificationKey> keys, String issuer, String audience, Clock clock) {
        this(keys, issuer, audience, clock, DEFAULT_LEEWAY);
    }

    public TokenVerifier(Collection<VerificationKey> keys, String issuer, String audience, Clock clock,
                         Duration leeway) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one key");
        }
        if (issuer == null || issuer.isEmpty() || audience == null || audience.isEmpty() || clock == null) {
            throw new IllegalArgumentException("issuer, audience and clock are required");
        }
        if (leeway == null || leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("leeway must be between 0 and " + MAX_LEEWAY);
        }
        Map<String, VerificationKey> byKid = new HashMap<>();
        for (VerificationKey key : keys) {
            VerificationKey other = byKid.putIfAbsent(key.kid(), key);
            if (other != null && !other.equals(key)) {
                throw new IllegalArgumentException("two different keys share key id " + key.kid());
            }
        }
        this.keys = Map.copyOf(byKid);
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        this.leeway = leeway;
    }

    /** The token's claims, if it is well-formed, signed by an accepted key, for this issuer and audience, and valid now. */
    public TokenClaims verify(String token) throws TokenException {
        String[] segments = segments(token);
        VerificationKey key = keyFor(header(segments[0]));
        verifySignature(key, segments[0] + "." + segments[1], segments[2]);
        TokenClaims claims = decode(segments[1]).flatMap(ClaimsJson::read)
                .orElseThrow(() -> new TokenException(Reason.MALFORMED));
        checkClaims(claims);
        return claims;
    }

    private static String[] segments(String token) throws TokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenException(Reason.MALFORMED);
        }
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!Base64Url.isAlphabet(c)) {
                throw new TokenException(Reason.MALFORMED);
            }
        }
        // Exactly three segments: a JWE (five) or a token with a segment cut off or added is not a signed token.
        if (dots != 2) {
            throw new TokenException(Reason.MALFORMED);
        }
        String[] segments = token.split("\\.", -1);
        if (segments[0].isEmpty() || segments[1].isEmpty()) {
            throw new TokenException(Reason.MALFORMED);
        }
        return segments;
    }

    private static ObjectNode header(String segment) throws TokenException {
        ObjectNode header = decode(segment).orElseThrow(() -> new TokenException(Reason.MALFORMED));
        // We implement no header extension, so a header that marks one critical must be refused (RFC 7515 4.1.11).
        if (header.has("crit")) {
            throw new TokenException(Reason.MALFORMED);
        }
        JsonNode typ = header.get("typ");
        if (typ != null && !(typ.isTextual() && typ.textValue().equalsIgnoreCase("JWT"))) {
            throw new TokenException(Reason.MALFORMED);
        }
        return header;
    }

    private VerificationKey keyFor(ObjectNode header) throws TokenException {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new TokenException(Reason.MALFORMED);
        }
        Algorithm algorithm = Algorithm.fromJwsName(alg.textValue())
                .orElseThrow(() -> new TokenException(Reason.ALGORITHM_NOT_ALLOWED));
        JsonNode kid = header.get("kid");
        if (kid != null && !kid.isTextual()) {
            throw new TokenException(Reason.MALFORMED);
        }
        VerificationKey key = kid == null ? null : keys.get(kid.textValue());
        if (key == null) {
            throw new TokenException(Reason.UNKNOWN_KEY);
        }
        if (key.algorithm() != algorithm) {
            throw new TokenException(Reason.ALGORITHM_NOT_ALLOWED);
        }
        return key;
    }

    private static void verifySignature(VerificationKey key, String signingInput, String signatureSegment)
            throws TokenException {
        byte[] signature = Base64Url.decode(signatureSegment).orElseThrow(() -> new TokenException(Reason.MALFORMED));
        // A DER-encoded ECDSA signature (70 to 72 bytes) is refused here: JOSE uses the fixed 64-byte R||S form.
        if (signature.length != Algorithm.SIGNATURE_BYTES) {
            throw new TokenException(Reason.BAD_SIGNATURE);
        }
        boolean valid;
        try {
            Signature verifier = key.algorithm().newSignature();
            verifier.initVerify(key.publicKey());
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException | ProviderException e) {
            // The JCA lets providers report an unusable signature by exception rather than by false.
            valid = false;
        }
        if (!valid) {
            throw new TokenException(Reason.BAD_SIGNATURE);
        }
    }

    private static Optional<ObjectNode> decode(String segment) {
        return Base64Url.decode(segment).flatMap(Json::readObject);
    }

    private void checkClaims(TokenClaims claims) throws TokenException {
        if (!claims.issuer().equals(issuer)) {
            throw new TokenException(Reason.WRONG_ISSUER);
        }
        if (!claims.audience().equals(audience)) {
            throw new TokenException(Reason.WRONG_AUDIENCE);
        }
        Instant now = clock.instant();
        if (!now.isBefore(claims.expiresAt().plus(leeway))) {
            throw new TokenException(Reason.EXPIRED);
        }
        Instant latestAcceptable = now.plus(leeway);
        if (claims.notBefore().isAfter(latestAcceptable) || claims.issuedAt().isAfter(latestAcceptable)) {
            throw new TokenException(Reason.NOT_YET_VALID);
        }
    }
}
