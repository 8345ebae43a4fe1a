package io.stowage.service.access;

import io.stowage.metadata.SigningKeyIndex;
import io.stowage.metadata.SigningKeyRecord;
import io.stowage.oci.RepositoryName;
import io.stowage.security.scope.Action;
import io.stowage.security.scope.Scope;
import io.stowage.security.token.Algorithm;
import io.stowage.security.token.TokenClaims;
import io.stowage.security.token.TokenException;
import io.stowage.service.EmbeddedBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TokenService} as two nodes see it: two instances over one SQLite store share their keys, a rotation or
 * retirement on one reaches the other, and access and refresh tokens never stand in for each other.
 */
class TokenServiceTest {

    private static final TokenService.Settings SETTINGS = new TokenService.Settings("stowage-test", "stowage-test",
            Duration.ofMinutes(5), Duration.ofDays(1), Algorithm.ES256);
    private static final List<Scope> PULL_APP = List.of(Scope.repository(RepositoryName.parse("team-a/app"),
            Action.PULL));
    /** Longer than the shortest interval at which a node re-reads the keys. */
    private static final long RELOAD_WAIT_MILLIS = 1_100;

    @TempDir
    Path dir;
    EmbeddedBackends backends;
    SigningKeyIndex keys;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        keys = backends.metadata().signingKeys();
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theFirstNodeGeneratesOneKeyThatEveryNodeShares(Algorithm algorithm) throws Exception {
        TokenService.Settings settings = new TokenService.Settings("iss", "svc", Duration.ofMinutes(5),
                Duration.ofDays(1), algorithm);
        TokenService a = node(settings);
        TokenService b = node(settings);

        assertThat(keys.list()).hasSize(1);
        assertThat(keys.list().getFirst().algorithm()).isEqualTo(algorithm.jwsName());
        String fromA = a.issue("alice", PULL_APP, false).token();
        String fromB = b.issue("alice", PULL_APP, false).token();
        assertThat(b.verify(fromA).access()).isEqualTo(PULL_APP);
        assertThat(a.verify(fromB).subject()).isEqualTo("alice");
        assertThat(a.jwks()).isEqualTo(b.jwks());
        assertThat(a.keys()).singleElement().satisfies(k -> assertThat(k.current()).isTrue());
    }

    @Test
    void aTokenCarriesWhatItWasIssuedWith() throws Exception {
        TokenService a = node(SETTINGS);
        TokenService.IssuedToken issued = a.issue("alice", PULL_APP, false);

        TokenClaims claims = a.verify(issued.token());
        assertThat(claims.subject()).isEqualTo("alice");
        assertThat(claims.issuer()).isEqualTo("stowage-test");
        assertThat(claims.audience()).isEqualTo("stowage-test");
        assertThat(claims.access()).isEqualTo(PULL_APP);
        assertThat(claims.expiresAt()).isEqualTo(claims.issuedAt().plus(Duration.ofMinutes(5)));
        assertThat(issued.lifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(issued.refreshToken()).isNull();
        // verified twice: the second time from memory, same answer
        assertThat(a.verify(issued.token())).isEqualTo(claims);
    }

    @Test
    void aRotationOnOneNodeIsVerifiedOnTheOther() throws Exception {
        TokenService a = node(SETTINGS);
        TokenService b = node(SETTINGS);
        String old = a.issue("alice", PULL_APP, false).token();

        TokenService.KeyInfo rotated = a.rotate();
        String fresh = a.issue("alice", PULL_APP, false).token();
        assertThat(kidOf(fresh)).isEqualTo(rotated.kid()).isNotEqualTo(kidOf(old));
        assertThat(a.verify(old).subject()).isEqualTo("alice");

        Thread.sleep(RELOAD_WAIT_MILLIS);
        assertThat(b.verify(fresh).subject()).isEqualTo("alice");
        assertThat(b.verify(old).subject()).isEqualTo("alice");
        assertThat(kidOf(b.issue("bob", List.of(), false).token())).isEqualTo(rotated.kid());
        assertThat(b.keys()).filteredOn(TokenService.KeyInfo::current).singleElement()
                .satisfies(k -> assertThat(k.kid()).isEqualTo(rotated.kid()));
    }

    @Test
    void aRetiredKeyNoLongerVerifiesOnAnyNodeAndNoNodeSignsWithIt() throws Exception {
        TokenService a = node(SETTINGS);
        TokenService b = node(SETTINGS);
        String old = a.issue("alice", PULL_APP, false).token();
        assertThat(b.verify(old).subject()).isEqualTo("alice");
        String oldKid = kidOf(old);

        a.rotate();
        assertThatThrownBy(() -> a.retire(a.keys().stream().filter(TokenService.KeyInfo::current).findFirst()
                .orElseThrow().kid())).isInstanceOf(IllegalStateException.class);
        assertThat(a.retire(oldKid)).isTrue();
        assertThat(a.retire(oldKid)).isFalse();
        assertThat(a.retire("no-such-kid")).isFalse();
        assertThatThrownBy(() -> a.verify(old)).isInstanceOf(TokenException.class);

        Thread.sleep(RELOAD_WAIT_MILLIS);
        // b never saw an unknown kid, yet must follow the retirement
        assertThatThrownBy(() -> b.verify(old)).isInstanceOf(TokenException.class);
        String fromB = b.issue("alice", PULL_APP, false).token();
        assertThat(kidOf(fromB)).isNotEqualTo(oldKid);
        assertThat(a.verify(fromB).subject()).isEqualTo("alice");
        assertThat(b.jwks()).doesNotContain(oldKid);
    }

    @Test
    void aRefreshTokenIsNoAccessTokenAndAnAccessTokenNoRefreshToken() throws Exception {
        TokenService a = node(SETTINGS);
        TokenService.IssuedToken issued = a.issue("alice", PULL_APP, true);
        assertThat(issued.refreshToken()).isNotNull();

        assertThat(a.verifyRefresh(issued.refreshToken())).isEqualTo("alice");
        assertThatThrownBy(() -> a.verify(issued.refreshToken())).isInstanceOf(TokenException.class)
                .satisfies(e -> assertThat(((TokenException) e).reason())
                        .isEqualTo(TokenException.Reason.WRONG_AUDIENCE));
        assertThatThrownBy(() -> a.verifyRefresh(issued.token())).isInstanceOf(TokenException.class)
                .satisfies(e -> assertThat(((TokenException) e).reason())
                        .isEqualTo(TokenException.Reason.WRONG_AUDIENCE));
        // the refresh token carries no access of its own
        assertThat(node(SETTINGS).verifyRefresh(issued.refreshToken())).isEqualTo("alice");
    }

    @Test
    void anAnonymousTokenHasAnEmptySubjectAndNeverARefreshToken() throws Exception {
        TokenService a = node(SETTINGS);
        TokenService.IssuedToken issued = a.issue(null, PULL_APP, true);

        assertThat(issued.refreshToken()).isNull();
        assertThat(a.verify(issued.token()).subject()).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        String token = new TokenService(keys, SETTINGS, past).issue("alice", PULL_APP, false).token();

        assertThatThrownBy(() -> node(SETTINGS).verify(token)).isInstanceOf(TokenException.class)
                .satisfies(e -> assertThat(((TokenException) e).reason()).isEqualTo(TokenException.Reason.EXPIRED));
    }

    @Test
    void anotherIssuerOrServiceIsRefused() {
        TokenService a = node(SETTINGS);
        String token = a.issue("alice", PULL_APP, false).token();

        TokenService otherService = node(new TokenService.Settings("stowage-test", "other", Duration.ofMinutes(5),
                Duration.ofDays(1), Algorithm.ES256));
        TokenService otherIssuer = node(new TokenService.Settings("other", "stowage-test", Duration.ofMinutes(5),
                Duration.ofDays(1), Algorithm.ES256));
        assertThatThrownBy(() -> otherService.verify(token)).isInstanceOf(TokenException.class);
        assertThatThrownBy(() -> otherIssuer.verify(token)).isInstanceOf(TokenException.class);
    }

    @Test
    void keysSurviveARestartOfTheStore() throws Exception {
        String token = node(SETTINGS).issue("alice", PULL_APP, false).token();
        backends.close();
        backends = EmbeddedBackends.open(dir);
        keys = backends.metadata().signingKeys();

        assertThat(node(SETTINGS).verify(token).subject()).isEqualTo("alice");
        assertThat(keys.list()).hasSize(1);
    }

    @Test
    void theListedKeysNeverShowThePrivateHalf() {
        TokenService a = node(SETTINGS);
        a.rotate();
        SigningKeyRecord record = keys.list().getFirst();
        assertThat(a.keys().toString()).doesNotContain("PRIVATE");
        assertThat(a.jwks()).doesNotContain("\"d\"");
        assertThat(record.toString()).doesNotContain("PRIVATE");
    }

    private TokenService node(TokenService.Settings settings) {
        return new TokenService(keys, settings, Clock.systemUTC());
    }

    private static String kidOf(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        int start = header.indexOf("\"kid\":\"") + 7;
        return header.substring(start, header.indexOf('"', start));
    }
}
