package io.stowage.metadata.postgres;

import io.stowage.metadata.MetadataException;
import io.stowage.metadata.UploadRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The password never shows: not in settings, descriptions, exception messages or their causes. */
class PostgresCredentialsIT {

    private static final String SECRET = "Sup3r-Secret-Pw-7f2c";

    @Test
    void aWrongPasswordFailsOpenWithoutRevealingIt() {
        PostgresSettings real = TestDatabases.newDatabase();
        PostgresSettings wrong = new PostgresSettings(real.url(), real.user(), SECRET, 2);
        assumeTrue(refusesPassword(wrong), "the server accepts any password (trust authentication)");

        MetadataException failure = catchThrowableOfType(MetadataException.class,
                () -> PostgresMetadataStore.open(wrong));

        assertThat(failure).hasMessageContaining(wrong.redactedUrl());
        assertThat(everythingPrinted(failure)).contains("password authentication failed").doesNotContain(SECRET);
    }

    @Test
    void anUnreachableServerFailsOpenWithoutRevealingThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PostgresSettings settings = new PostgresSettings("jdbc:postgresql://127.0.0.1:" + closedPort
                + "/stowage?connectTimeout=2&password=" + SECRET, "stowage", SECRET, 1);

        MetadataException failure = catchThrowableOfType(MetadataException.class,
                () -> PostgresMetadataStore.open(settings));

        assertThat(failure).hasMessage("cannot connect to the metadata database jdbc:postgresql://127.0.0.1:"
                + closedPort + "/stowage");
        assertThat(everythingPrinted(failure)).doesNotContain(SECRET);
    }

    @Test
    void aPasswordInTheUrlIsUsedButNeverDescribed() {
        PostgresSettings real = TestDatabases.newDatabase();
        assumeTrue(real.password() != null, "the server needs no password");
        String separator = real.url().contains("?") ? "&" : "?";
        PostgresSettings inUrl = new PostgresSettings(real.url() + separator + "password=" + real.password(),
                real.user(), null, 2);

        try (PostgresMetadataStore store = PostgresMetadataStore.open(inUrl)) {
            store.blobs().link(RepositoryName.parse("app"), Digest.parse("sha256:" + "a".repeat(64)), 1);
            assertThat(store.describe()).doesNotContain(real.password()).doesNotContain("?");
            assertThat(inUrl.toString()).doesNotContain(real.password());
            assertThat(real.toString()).doesNotContain(real.password());
        }
    }

    @Test
    void failuresWhileWorkingNameTheOperationOnly() {
        PostgresSettings settings = TestDatabases.newDatabase();
        try (PostgresMetadataStore store = PostgresMetadataStore.open(settings)) {
            UploadRecord upload = new UploadRecord("dup", RepositoryName.parse("app"), Instant.EPOCH, Instant.EPOCH);
            store.uploads().create(upload);

            MetadataException failure = catchThrowableOfType(MetadataException.class,
                    () -> store.uploads().create(upload));

            assertThat(failure).hasMessage("metadata database failure: create upload");
            assertThat(everythingPrinted(failure)).doesNotContain(settings.password());
        }
    }

    private static boolean refusesPassword(PostgresSettings settings) {
        try (Connection ignored = TestDatabases.connect(settings)) {
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    /** The stack trace as printed: every message, cause and suppressed exception. */
    private static String everythingPrinted(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
