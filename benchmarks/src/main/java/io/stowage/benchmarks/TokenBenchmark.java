package io.stowage.benchmarks;

import io.stowage.oci.RepositoryName;
import io.stowage.security.scope.Action;
import io.stowage.security.scope.Scope;
import io.stowage.security.token.Algorithm;
import io.stowage.security.token.SigningKey;
import io.stowage.security.token.TokenClaims;
import io.stowage.security.token.TokenException;
import io.stowage.security.token.TokenSigner;
import io.stowage.security.token.TokenVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bearer token verification, which every authenticated registry request pays: {@link TokenVerifier#verify} (parse,
 * key lookup, signature, claims) of a token carrying pull and push on one repository, signed with an ES256 (P-256)
 * or an EdDSA (Ed25519) key, the verifier holding the current and one previous key as after a rotation.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenBenchmark {

    @Param({"ES256", "EDDSA"})
    public Algorithm algorithm;

    private TokenVerifier verifier;
    private String token;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        SigningKey current = SigningKey.generate(algorithm, clock);
        SigningKey previous = SigningKey.generate(algorithm, clock);
        TokenClaims claims = TokenClaims.issue("stowage", "alice", "registry.example.com",
                List.of(Scope.repository(RepositoryName.parse("team-a/app"), Action.PULL, Action.PUSH)), clock,
                Duration.ofHours(1));
        token = TokenSigner.sign(claims, current);
        verifier = new TokenVerifier(List.of(current.verificationKey(), previous.verificationKey()), "stowage",
                "registry.example.com", clock);
    }

    @Benchmark
    public TokenClaims verify() throws TokenException {
        return verifier.verify(token);
    }
}
