package io.stowage.service.access;

import io.stowage.metadata.SigningKeyIndex;
import io.stowage.metadata.SigningKeyRecord;
import io.stowage.security.scope.Scope;
import io.stowage.security.token.Algorithm;
import io.stowage.security.token.Jwks;
import io.stowage.security.token.SigningKey;
import io.stowage.security.token.TokenClaims;
import io.stowage.security.token.TokenException;
import io.stowage.security.token.TokenSigner;
import io.stowage.security.token.TokenVerifier;
import io.stowage.security.token.VerificationKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies the registry's tokens. The signing keys live in the metadata store, so every node signs with
 * the same current key and verifies every other node's tokens; a node that meets a key id it does not know re-reads
 * the keys (at most once a second), which is what makes a rotation on one node take effect everywhere without a
 * restart. A node also re-reads them once they are older than the access-control cache time (at least a second), so
 * that a key retired through another node stops verifying, and stops signing, here too. The current key is the
 * newest one not retired; older keys still verify until they are retired.
 *
 * <p>Access tokens carry the granted scopes and live {@link Settings#lifetime()}; refresh tokens (OAuth2
 * {@code offline_token}) carry none and are for another audience ({@code <service>/refresh}), so one can never be
 * used as the other. A verified access token is remembered until it expires: the signature is checked once, not per
 * request.
 */
public final class TokenService {

    public record Settings(String issuer, String service, Duration lifetime, Duration refreshLifetime,
                           Algorithm algorithm) {
    }

    /** A token as the token endpoint returns it. */
    public record IssuedToken(String token, Instant issuedAt, Duration lifetime, String refreshToken) {
    }

    /** A key as the administration API lists it; never the private half. */
    public record KeyInfo(String kid, String algorithm, Instant createdAt, Instant retiredAt, boolean current) {
    }

    private static final long RELOAD_INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_REMEMBERED = 10_000;

    private final SigningKeyIndex store;
    private final Settings settings;
    private final Clock clock;
    private final long refreshNanos;
    private final Map<String, TokenClaims> verified = new ConcurrentHashMap<>();
    private volatile Keys keys;
    private volatile long loadedAt;

    private record Keys(SigningKey current, TokenVerifier access, TokenVerifier refresh,
                        List<VerificationKey> published) {
    }

    public TokenService(SigningKeyIndex store, Settings settings, Clock clock) {
        this(store, settings, clock, Duration.ZERO);
    }

    /** {@code refresh}: how long the keys read from the store are used before they are read again (at least 1 s). */
    public TokenService(SigningKeyIndex store, Settings settings, Clock clock, Duration refresh) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.refreshNanos = Math.max(RELOAD_INTERVAL_NANOS, refresh.toNanos());
        this.keys = load();
    }

    public Settings settings() {
        return settings;
    }

    public IssuedToken issue(String subject, List<Scope> access, boolean withRefreshToken) {
        SigningKey key = fresh().current();
        TokenClaims claims = TokenClaims.issue(settings.issuer(), subject == null ? "" : subject, settings.service(),
                access, clock, settings.lifetime());
        String refresh = null;
        if (withRefreshToken && subject != null && !subject.isEmpty()) {
            refresh = TokenSigner.sign(TokenClaims.issue(settings.issuer(), subject, refreshAudience(), List.of(),
                    clock, settings.refreshLifetime()), key);
        }
        return new IssuedToken(TokenSigner.sign(claims, key), claims.issuedAt(), settings.lifetime(), refresh);
    }

    /** The claims of a valid access token of this registry. */
    public TokenClaims verify(String token) throws TokenException {
        fresh();
        TokenClaims remembered = verified.get(token);
        if (remembered != null) {
            if (remembered.expiresAt().isAfter(clock.instant())) {
                return remembered;
            }
            verified.remove(token);
        }
        TokenClaims claims = verifyWith(token, false);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(token, claims);
        return claims;
    }

    /** The subject of a valid refresh token of this registry. */
    public String verifyRefresh(String token) throws TokenException {
        return verifyWith(token, true).subject();
    }

    private TokenClaims verifyWith(String token, boolean refresh) throws TokenException {
        try {
            Keys current = fresh();
            return (refresh ? current.refresh() : current.access()).verify(token);
        } catch (TokenException e) {
            if (e.reason() != TokenException.Reason.UNKNOWN_KEY || !reloadAllowed()) {
                throw e;
            }
            Keys reloaded = reload();
            return (refresh ? reloaded.refresh() : reloaded.access()).verify(token);
        }
    }

    /** The public keys, as a JSON Web Key Set. */
    public String jwks() {
        return Jwks.renderVerificationKeys(fresh().published());
    }

    public List<KeyInfo> keys() {
        Keys current = reload();
        List<KeyInfo> list = new ArrayList<>();
        for (SigningKeyRecord record : store.list()) {
            list.add(new KeyInfo(record.kid(), record.algorithm(), record.createdAt(), record.retiredAt(),
                    record.kid().equals(current.current().kid())));
        }
        return list;
    }

    /**
     * Adds a new key, which becomes the current one on every node; the old keys keep verifying. Keys are dated to the
     * second and the newest is current, so a rotation within the second of the newest key's creation dates the new
     * key one second after it: otherwise the order of their kids, not their age, would pick the current key.
     */
    public KeyInfo rotate() {
        Instant at = clock.instant();
        for (SigningKeyRecord record : store.list()) {
            if (!at.truncatedTo(ChronoUnit.SECONDS).isAfter(record.createdAt())) {
                at = record.createdAt().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            }
        }
        SigningKey key = SigningKey.generate(settings.algorithm(), Clock.fixed(at, ZoneOffset.UTC));
        store.add(new SigningKeyRecord(key.kid(), key.algorithm().jwsName(), key.toPem(), key.createdAt(), null));
        boolean current = reload().current().kid().equals(key.kid());
        return new KeyInfo(key.kid(), key.algorithm().jwsName(), key.createdAt(), null, current);
    }

    /**
     * Stops accepting tokens signed with the key. The current key can't be retired (rotate first), so a node always
     * has a key to sign with. False when there is no such key or it was already retired.
     */
    public boolean retire(String kid) {
        if (keys.current().kid().equals(kid) && reload().current().kid().equals(kid)) {
            throw new IllegalStateException("the current signing key can't be retired; rotate first");
        }
        boolean retired = store.retire(kid, clock.instant());
        verified.clear();
        reload();
        return retired;
    }

    private boolean reloadAllowed() {
        return System.nanoTime() - loadedAt > RELOAD_INTERVAL_NANOS;
    }

    /** The keys, re-read first if they were read longer ago than the refresh interval. */
    private Keys fresh() {
        if (System.nanoTime() - loadedAt <= refreshNanos) {
            return keys;
        }
        synchronized (this) {
            return System.nanoTime() - loadedAt <= refreshNanos ? keys : reload();
        }
    }

    private synchronized Keys reload() {
        Keys previous = keys;
        keys = load();
        if (previous != null && !keys.published().containsAll(previous.published())) {
            // A key was retired (here or through another node): tokens it signed must not verify from memory.
            verified.clear();
        }
        return keys;
    }

    private Keys load() {
        List<SigningKeyRecord> records = active();
        if (records.isEmpty()) {
            // First start: nodes starting together may each add one; the newest wins on all of them.
            SigningKey key = SigningKey.generate(settings.algorithm(), clock);
            store.add(new SigningKeyRecord(key.kid(), key.algorithm().jwsName(), key.toPem(), key.createdAt(), null));
            records = active();
        }
        List<SigningKey> signing = new ArrayList<>();
        for (SigningKeyRecord record : records) {
            signing.add(SigningKey.fromPem(record.privateKeyPem(), record.createdAt()));
        }
        List<VerificationKey> public_ = signing.stream().map(SigningKey::verificationKey).toList();
        loadedAt = System.nanoTime();
        return new Keys(signing.getLast(),
                new TokenVerifier(public_, settings.issuer(), settings.service(), clock),
                new TokenVerifier(public_, settings.issuer(), refreshAudience(), clock), public_);
    }

    private List<SigningKeyRecord> active() {
        return store.list().stream().filter(r -> r.retiredAt() == null).toList();
    }

    private String refreshAudience() {
        return settings.service() + "/refresh";
    }
}
