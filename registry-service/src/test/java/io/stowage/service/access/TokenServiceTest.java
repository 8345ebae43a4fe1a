package io.stowage.service.access;

import io.stowage.service.EmbeddedBackends;
import io.stowage.security.token.Algorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Key rotation on a store shared by nodes: the key a rotation adds is the one that signs, even within a second. */
class TokenServiceTest {

    private static final Clock FROZEN = Clock.fixed(Instant.parse("2026-01-01T12:00:00.250Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private EmbeddedBackends backends;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void aRotationWithinTheSameSecondStillMakesTheNewKeyCurrent() {
        TokenService tokens = new TokenService(backends.metadata().signingKeys(), new TokenService.Settings("t", "t",
                Duration.ofMinutes(5), Duration.ofDays(1), Algorithm.ES256), FROZEN);
        String first = tokens.keys().getFirst().kid();
        for (int i = 0; i < 5; i++) {
            TokenService.KeyInfo rotated = tokens.rotate();
            assertThat(rotated.current()).isTrue();
            assertThat(kidOf(tokens.issue("alice", List.of(), false).token())).isEqualTo(rotated.kid());
            assertThat(tokens.keys().stream().filter(TokenService.KeyInfo::current).map(TokenService.KeyInfo::kid))
                    .containsExactly(rotated.kid());
            // Another node reading the same store agrees.
            TokenService other = new TokenService(backends.metadata().signingKeys(), tokens.settings(), FROZEN);
            assertThat(kidOf(other.issue("bob", List.of(), false).token())).isEqualTo(rotated.kid());
        }
        assertThat(tokens.keys()).hasSize(6).first().extracting(TokenService.KeyInfo::kid).isEqualTo(first);
    }

    private static String kidOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
