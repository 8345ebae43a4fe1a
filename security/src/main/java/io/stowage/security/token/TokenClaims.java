package io.stowage.security.token;

import io.stowage.security.Secrets;
import io.stowage.security.scope.Scope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a registry token says, in the Docker token format: the registered JWT claims and {@code access}, the granted
 * scopes ({@code [{"type":..,"name":..,"actions":[..]}]}). Times are whole seconds, as JWT NumericDates are, so a
 * signed and verified token gives back equal claims.
 *
 * @param issuer    {@code iss}: who issued it, compared exactly on verification
 * @param subject   {@code sub}: the account, empty for an anonymous token
 * @param audience  {@code aud}: the registry service the token is for
 * @param issuedAt  {@code iat}
 * @param notBefore {@code nbf}
 * @param expiresAt {@code exp}, after {@code notBefore} and {@code issuedAt}
 * @param id        {@code jti}: unique per token
 * @param access    {@code access}: the granted scopes
 */
public record TokenClaims(String issuer, String subject, String audience, Instant issuedAt, Instant notBefore,
                          Instant expiresAt, String id, List<Scope> access) {

    static final int MAX_STRING_LENGTH = 256;
    /** 9999-12-31T23:59:59Z: later NumericDates are refused rather than overflowing date arithmetic. */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    public TokenClaims {
        requireText("issuer", issuer, false);
        requireText("subject", subject, true);
        requireText("audience", audience, false);
        requireText("id", id, false);
        issuedAt = requireTime("issuedAt", issuedAt);
        notBefore = requireTime("notBefore", notBefore);
        expiresAt = requireTime("expiresAt", expiresAt);
        if (!expiresAt.isAfter(notBefore) || !expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after notBefore and issuedAt");
        }
        if (access == null) {
            throw new IllegalArgumentException("access is missing (use an empty list for none)");
        }
        access = List.copyOf(access);
    }

    /**
     * Claims for a token issued now by {@code clock}: valid from now for {@code lifetime}, with a random
     * 128-bit id.
     */
    public static TokenClaims issue(String issuer, String subject, String audience, List<Scope> access, Clock clock,
                                    Duration lifetime) {
        if (clock == null || lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a clock and a positive lifetime are required");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new TokenClaims(issuer, subject, audience, now, now, now.plus(lifetime), Secrets.random(16), access);
    }

    private static void requireText(String name, String value, boolean mayBeEmpty) {
        if (value == null || (!mayBeEmpty && value.isEmpty()) || value.length() > MAX_STRING_LENGTH) {
            throw new IllegalArgumentException(name + " must have " + (mayBeEmpty ? 0 : 1) + " to "
                    + MAX_STRING_LENGTH + " characters");
        }
        // An unpaired surrogate has no UTF-8 form: the signed token would say something else than these claims.
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(name + " is not valid Unicode");
            }
        }
    }

    private static Instant requireTime(String name, Instant value) {
        if (value == null || value.getEpochSecond() < 0 || value.getEpochSecond() > MAX_EPOCH_SECOND) {
            throw new IllegalArgumentException(name + " must be between 1970 and 9999");
        }
        return value.truncatedTo(ChronoUnit.SECONDS);
    }
}
