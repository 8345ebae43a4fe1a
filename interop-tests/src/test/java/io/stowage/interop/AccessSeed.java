package io.stowage.interop;

import io.stowage.metadata.Grant;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RobotRecord;
import io.stowage.metadata.Role;
import io.stowage.metadata.UserRecord;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.security.password.Passwords;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Users, robots, namespaces and grants written straight into a registry's own SQLite store while the registry is
 * stopped, as an administrator would set them up (there is no administration API to drive yet). Every write must
 * take effect: a name already taken fails the test rather than leaving it to run with other accounts than it says.
 */
final class AccessSeed implements AutoCloseable {

    private final MetadataStore store;
    private final Instant now = Instant.now();

    private AccessSeed(MetadataStore store) {
        this.store = store;
    }

    /** The store of a registry started with {@code --data data} and its default metadata location. */
    static AccessSeed open(Path data) {
        return new AccessSeed(SqliteMetadataStore.open(data.resolve("metadata.db")));
    }

    AccessSeed user(String username, String password) {
        require(store.users().create(new UserRecord(username, Passwords.hash(password.toCharArray()).encoded(),
                false, false, now, now)), "user " + username);
        return this;
    }

    /** A robot logging in as {@code robot$<name>} with {@code secret}, limited to {@code scopes}. */
    AccessSeed robot(String name, String secret, String... scopes) {
        require(store.robots().create(new RobotRecord(name, Passwords.hash(secret.toCharArray()).encoded(),
                List.of(scopes), null, null, "admin", now)), "robot " + name);
        return this;
    }

    AccessSeed namespace(String name) {
        require(store.namespaces().create(new NamespaceRecord(name, false, now)), "namespace " + name);
        return this;
    }

    AccessSeed grant(String namespace, PrincipalKind kind, String principal, Role role) {
        require(store.namespaces().grant(new Grant(namespace, kind, principal, role)),
                role + " of " + kind + " " + principal + " in " + namespace);
        return this;
    }

    private static void require(boolean written, String what) {
        if (!written) {
            throw new IllegalStateException("could not seed " + what + " into the registry's store");
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
