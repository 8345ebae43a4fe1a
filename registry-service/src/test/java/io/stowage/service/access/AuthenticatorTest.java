package io.stowage.service.access;

import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditQuery;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.RobotRecord;
import io.stowage.metadata.UserRecord;
import io.stowage.oci.error.TooManyRequestsException;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.security.password.Passwords;
import io.stowage.security.throttle.LoginThrottle;
import io.stowage.security.throttle.ThrottlePolicy;
import io.stowage.service.EmbeddedBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Authenticator} over a real SQLite store: passwords, robots, the throttle, hash upgrades and the audit. */
class AuthenticatorTest {

    /** A bcrypt hash (htpasswd -B) of {@link #BCRYPT_PASSWORD}. */
    private static final String BCRYPT = "$2y$05$oer5KwPHIwccINMcSBs5O.fFjo4SurU99vE6erb8a7Tf1ECoQgF/2";
    private static final String BCRYPT_PASSWORD = "s3cret-Passw0rd";
    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.7", "test-agent/1.0");

    @TempDir
    Path dir;
    EmbeddedBackends backends;
    MetadataStore metadata;
    Clock clock = Clock.systemUTC();
    AuditLog audit;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        metadata = backends.metadata();
        audit = new AuditLog(metadata.audit(), clock, false);
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void theRightPasswordLogsInWithTheAccountsGroupsAndRole() {
        user("alice", "correct horse", false, true);
        metadata.users().addMember("devs", "alice");

        Identity identity = authenticator(Duration.ZERO).login("alice", "correct horse".toCharArray(), CLIENT);

        assertThat(identity).isEqualTo(new Identity.User("alice", true, List.of("devs")));
        assertThat(logins()).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("alice");
            assertThat(e.result()).isEqualTo(AuditLog.SUCCESS);
            assertThat(e.clientAddress()).isEqualTo("192.0.2.7");
            assertThat(e.userAgent()).isEqualTo("test-agent/1.0");
        });
    }

    @Test
    void aWrongPasswordAndAnUnknownUserFailAlikeAndAreAudited() {
        user("alice", "correct horse", false, false);
        Authenticator authenticator = authenticator(Duration.ZERO);

        assertThatThrownBy(() -> authenticator.login("alice", "wrong".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class).hasMessage("authentication failed");
        // the decoy path: same refusal, same message, for a name no account has
        assertThatThrownBy(() -> authenticator.login("mallory", "anything".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class).hasMessage("authentication failed");
        assertThatThrownBy(() -> authenticator.login("robot$nobody", "anything".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class).hasMessage("authentication failed");

        assertThat(logins()).extracting(AuditEvent::identity, AuditEvent::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", AuditLog.FAILURE),
                org.assertj.core.groups.Tuple.tuple("mallory", AuditLog.FAILURE),
                org.assertj.core.groups.Tuple.tuple("robot$nobody", AuditLog.FAILURE));
    }

    @Test
    void tooManyWrongPasswordsAreRefusedWithARetryAfterEvenWithTheRightOne() {
        user("alice", "correct horse", false, false);
        Authenticator authenticator = authenticator(Duration.ZERO);
        int limit = ThrottlePolicy.DEFAULT.perAccount().maxFailures();

        for (int i = 0; i < limit; i++) {
            assertThatThrownBy(() -> authenticator.login("alice", "guess".toCharArray(), CLIENT))
                    .isInstanceOf(UnauthorizedException.class);
        }
        assertThatThrownBy(() -> authenticator.login("alice", "correct horse".toCharArray(), CLIENT))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfterSeconds())
                        .isBetween(1L, ThrottlePolicy.DEFAULT.perAccount().window().toSeconds()));
        assertThat(logins()).last().satisfies(e -> assertThat(e.result()).isEqualTo(AuditLog.DENIED));
        // another account from another address is not affected
        user("bob", "pw", false, false);
        assertThat(authenticator.login("bob", "pw".toCharArray(), new ClientInfo("192.0.2.8", "x")).subject())
                .isEqualTo("bob");
    }

    @Test
    void aDisabledUserIsRefused() {
        user("alice", "pw", true, false);

        assertThatThrownBy(() -> authenticator(Duration.ZERO).login("alice", "pw".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class).hasMessage("authentication failed");
    }

    @Test
    void aUserDisabledAfterLoggingInIsRefusedAtOnceWhenNothingIsCached() {
        user("alice", "pw", false, false);
        Authenticator authenticator = authenticator(Duration.ZERO);
        assertThat(authenticator.login("alice", "pw".toCharArray(), CLIENT).subject()).isEqualTo("alice");

        metadata.users().setDisabled("alice", true, Instant.now());

        assertThatThrownBy(() -> authenticator.login("alice", "pw".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(authenticator.resolve("alice")).isEmpty();
    }

    @Test
    void aPasswordChangedElsewhereStopsTheOldOneAtOnceWhenNothingIsCached() {
        user("alice", "old", false, false);
        Authenticator authenticator = authenticator(Duration.ZERO);
        authenticator.login("alice", "old".toCharArray(), CLIENT);

        metadata.users().setPasswordHash("alice", Passwords.hash("new".toCharArray()).encoded(), Instant.now());

        assertThatThrownBy(() -> authenticator.login("alice", "old".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(authenticator.login("alice", "new".toCharArray(), CLIENT).subject()).isEqualTo("alice");
    }

    @Test
    void aCachingAuthenticatorForgetsOnInvalidate() {
        user("alice", "pw", false, false);
        Authenticator authenticator = authenticator(Duration.ofMinutes(5));
        authenticator.login("alice", "pw".toCharArray(), CLIENT);
        metadata.users().setDisabled("alice", true, Instant.now());

        authenticator.invalidate();

        assertThatThrownBy(() -> authenticator.login("alice", "pw".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aBcryptHashBecomesArgon2idAtTheFirstLogin() {
        assertThat(metadata.users().create(new UserRecord("imported", BCRYPT, false, false, Instant.now(),
                Instant.now()))).isTrue();
        Authenticator authenticator = authenticator(Duration.ZERO);

        assertThatThrownBy(() -> authenticator.login("imported", "wrong".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(metadata.users().find("imported").orElseThrow().passwordHash()).isEqualTo(BCRYPT);

        assertThat(authenticator.login("imported", BCRYPT_PASSWORD.toCharArray(), CLIENT).subject())
                .isEqualTo("imported");

        String upgraded = metadata.users().find("imported").orElseThrow().passwordHash();
        assertThat(upgraded).startsWith("$argon2id$");
        assertThat(authenticator.login("imported", BCRYPT_PASSWORD.toCharArray(), CLIENT).subject())
                .isEqualTo("imported");
        assertThat(metadata.users().find("imported").orElseThrow().passwordHash()).isEqualTo(upgraded);
    }

    @Test
    void anUnreadableHashCannotLogIn() {
        assertThat(metadata.users().create(new UserRecord("broken", "$apr1$xyz$abc", false, false, Instant.now(),
                Instant.now()))).isTrue();

        assertThatThrownBy(() -> authenticator(Duration.ZERO).login("broken", "abc".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aRobotLogsInWithItsPrefixAndItsScopes() {
        robot("ci", "s3cret", null, List.of("repository:team-a/**:pull,push", "not a scope"));

        Identity identity = authenticator(Duration.ZERO).login("robot$ci", "s3cret".toCharArray(), CLIENT);

        assertThat(identity).isEqualTo(new Identity.Robot("ci",
                List.of(RobotScope.parse("repository:team-a/**:pull,push"))));
        assertThat(identity.subject()).isEqualTo("robot$ci");
        // a robot's name is no username: without the prefix it is an unknown user
        assertThatThrownBy(() -> authenticator(Duration.ZERO).login("ci", "s3cret".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aRevokedOrExpiredRobotIsRefused() {
        robot("revoked", "s", null, List.of());
        metadata.robots().revoke("revoked", Instant.now());
        robot("expired", "s", Instant.now().minusSeconds(60), List.of());
        robot("valid", "s", Instant.now().plusSeconds(3600), List.of());
        Authenticator authenticator = authenticator(Duration.ZERO);

        assertThatThrownBy(() -> authenticator.login("robot$revoked", "s".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> authenticator.login("robot$expired", "s".toCharArray(), CLIENT))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(authenticator.login("robot$valid", "s".toCharArray(), CLIENT).subject()).isEqualTo("robot$valid");
        assertThat(authenticator.resolve("robot$revoked")).isEmpty();
        assertThat(authenticator.resolve("robot$expired")).isEmpty();
        assertThat(authenticator.resolve("robot$valid")).isPresent();
    }

    @Test
    void aRobotWithTheLongestStorableNameLogsIn() {
        String name = "r".repeat(256);
        robot(name, "s", null, List.of());

        assertThat(authenticator(Duration.ZERO).login("robot$" + name, "s".toCharArray(), CLIENT).subject())
                .isEqualTo("robot$" + name);
    }

    @Test
    void anyUsernameIsAnAnswerNeverAnotherException() {
        Authenticator authenticator = authenticator(Duration.ZERO);
        for (String username : List.of("", "x".repeat(300), "robot$", "robot$" + "y".repeat(300), "a\u0000b",
                "\ud800", "é")) {
            assertThatThrownBy(() -> authenticator.login(username, "pw".toCharArray(), CLIENT)).as(username)
                    .isInstanceOf(UnauthorizedException.class);
        }
    }

    @Test
    void resolveFindsTheAccountAsItIsNow() {
        user("alice", "pw", false, false);
        Authenticator authenticator = authenticator(Duration.ZERO);

        assertThat(authenticator.resolve("")).contains(Identity.ANONYMOUS);
        assertThat(authenticator.resolve("alice")).contains(new Identity.User("alice", false, List.of()));
        assertThat(authenticator.resolve("nobody")).isEmpty();
        metadata.users().delete("alice");
        assertThat(authenticator.resolve("alice")).isEmpty();
    }

    private Authenticator authenticator(Duration cacheTtl) {
        return new Authenticator(metadata, new LoginThrottle(ThrottlePolicy.DEFAULT, clock), audit, clock, cacheTtl);
    }

    private void user(String name, String password, boolean disabled, boolean administrator) {
        assertThat(metadata.users().create(new UserRecord(name, Passwords.hash(password.toCharArray()).encoded(),
                administrator, disabled, Instant.now(), Instant.now()))).isTrue();
    }

    private void robot(String name, String secret, Instant expiresAt, List<String> scopes) {
        assertThat(metadata.robots().create(new RobotRecord(name, Passwords.hash(secret.toCharArray()).encoded(),
                scopes, expiresAt, null, "admin", Instant.now()))).isTrue();
    }

    private List<AuditEvent> logins() {
        return audit.query(AuditQuery.ALL.withAction("login"), null, 100);
    }
}
