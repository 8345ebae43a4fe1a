package io.stowage.http.admin;

import io.stowage.http.TestRegistry;
import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditQuery;
import io.stowage.service.access.AdminBootstrap;
import io.stowage.service.access.AnonymousAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One registry per test class, with anonymous access off (the administration API refuses anonymous callers in every
 * mode; {@link AdminAccessTest} checks push mode too), its first-start administrator, and clients for it.
 */
abstract class AdminTestBase {

    static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @TempDir
    static Path data;
    static TestRegistry registry;
    static Http admin;
    static Http anonymous;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = TestRegistry.start(data, AnonymousAccess.NONE);
        new AdminBootstrap(registry.metadata(), registry.access().audit(), Clock.systemUTC())
                .ensureAdministrator(Optional.of(ADMIN_PASSWORD));
        admin = Http.basic(registry, AdminBootstrap.ADMIN, ADMIN_PASSWORD);
        anonymous = Http.anonymous(registry);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    static Http as(String username, String password) {
        return Http.basic(registry, username, password);
    }

    /** Creates a user through the API and returns a client logged in as it. */
    static Http user(String username, boolean administrator) {
        String password = username + "-password-long";
        Http.Reply created = admin.post("/api/v1/users", "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\",\"administrator\":" + administrator + "}");
        assertThat(created.status()).as(created.describe()).isEqualTo(201);
        return as(username, password);
    }

    /** The id of the newest audit event, to look at what an operation wrote after it. */
    static long lastEventId() {
        List<AuditEvent> all = registry.metadata().audit().query(AuditQuery.ALL, null, Integer.MAX_VALUE);
        return all.isEmpty() ? 0 : all.getLast().id();
    }

    /** The events written after {@code afterId}, logins left out (Basic credentials log in on every request). */
    static List<AuditEvent> eventsAfter(long afterId) {
        return registry.metadata().audit().query(AuditQuery.ALL, afterId, 10_000).stream()
                .filter(e -> !e.action().equals("login")).toList();
    }

    /** The one event written after {@code afterId}, logins left out. */
    static AuditEvent onlyEventAfter(long afterId) {
        List<AuditEvent> events = eventsAfter(afterId);
        assertThat(events).as("exactly one audit event").hasSize(1);
        return events.getFirst();
    }

    static void assertStatus(Http.Reply reply, int status) {
        assertThat(reply.status()).as(reply.describe()).isEqualTo(status);
    }

    static void assertError(Http.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.describe()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.describe()).isEqualTo(code);
    }
}
