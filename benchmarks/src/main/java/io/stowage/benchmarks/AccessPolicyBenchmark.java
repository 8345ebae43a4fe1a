package io.stowage.benchmarks;

import io.stowage.metadata.Grant;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.Role;
import io.stowage.metadata.UserRecord;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.oci.RepositoryName;
import io.stowage.security.scope.Action;
import io.stowage.service.access.AccessPolicy;
import io.stowage.service.access.AnonymousAccess;
import io.stowage.service.access.Identity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@link AccessPolicy#allowed}, asked on every request that names a repository: for an anonymous caller of a
 * loopback registry in {@code auth.anonymous: push} mode (decided before any lookup), and for a user who is in two
 * groups and has grants in a few of 20 namespaces (one public), on a repository two namespaces cover. The namespaces
 * and grants live in a real SQLite store; the policy caches them for its TTL (here 5 minutes, longer than a run), so
 * this measures the decision over cached lists, which is what nearly every request costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessPolicyBenchmark {

    private Path directory;
    private SqliteMetadataStore store;
    private AccessPolicy anonymousPush;
    private AccessPolicy authenticated;
    private Identity user;
    private RepositoryName repository;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("stowage-jmh-access-");
        store = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        store.users().create(new UserRecord("alice", "$argon2id$unused", false, false, now, now));
        for (int i = 0; i < 20; i++) {
            store.namespaces().create(new NamespaceRecord(String.format("team-%02d", i), i == 7, now));
        }
        store.namespaces().create(new NamespaceRecord("team-03/platform", false, now));
        store.namespaces().grant(new Grant("team-03", PrincipalKind.USER, "alice", Role.READER));
        store.namespaces().grant(new Grant("team-03/platform", PrincipalKind.GROUP, "platform", Role.DEVELOPER));
        store.namespaces().grant(new Grant("team-05", PrincipalKind.USER, "alice", Role.MAINTAINER));
        store.namespaces().grant(new Grant("team-11", PrincipalKind.GROUP, "developers", Role.DEVELOPER));
        user = new Identity.User("alice", false, List.of("developers", "platform"));
        repository = RepositoryName.parse("team-03/platform/builder");
        anonymousPush = new AccessPolicy(store, AnonymousAccess.PUSH, Duration.ofMinutes(5));
        authenticated = new AccessPolicy(store, AnonymousAccess.NONE, Duration.ofMinutes(5));
        if (!authenticated.allowed(user, repository).contains(Action.PUSH)) {
            throw new IllegalStateException("the fixture should let alice push to " + repository);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        Cleanup.delete(directory);
    }

    @Benchmark
    public Set<Action> anonymousInPushMode() {
        return anonymousPush.allowed(Identity.ANONYMOUS, repository);
    }

    @Benchmark
    public Set<Action> userWithGrants() {
        return authenticated.allowed(user, repository);
    }
}
