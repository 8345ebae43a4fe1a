package io.stowage.service;

import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.security.MutableClock;
import io.stowage.storage.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link VerifiedBlobs}: vouches only for the very object verified, only for the remembered period, bounded. */
class VerifiedBlobsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration REMEMBER = Duration.ofHours(6);
    private static final Digest A = digest("a");
    private static final Digest B = digest("b");
    private static final ObjectInfo STORED = new ObjectInfo("blobs/a", 5_000_000, T0, "1:42:100");

    private final MutableClock clock = new MutableClock(T0);
    private final VerifiedBlobs verified = new VerifiedBlobs(REMEMBER, 2, clock);

    @Test
    void vouchesForTheObjectItVerified() {
        verified.verified(A, STORED);

        assertThat(verified.vouchesFor(A, STORED)).isTrue();
        assertThat(verified.vouchesFor(B, STORED)).isFalse();
    }

    @Test
    void anObjectThatChangedInAnyWayIsNotVouchedForAndForgotten() {
        for (ObjectInfo changed : new ObjectInfo[] {
                new ObjectInfo("blobs/a", 5_000_000, T0, "1:42:101"),
                new ObjectInfo("blobs/a", 5_000_000, T0, "1:43:100"),
                new ObjectInfo("blobs/a", 4_999_999, T0, "1:42:100"),
                new ObjectInfo("blobs/a", 5_000_000, T0.plusNanos(1), "1:42:100")}) {
            verified.verified(A, STORED);

            assertThat(verified.vouchesFor(A, changed)).as(changed.toString()).isFalse();
            // Once seen changed, not even the old object is vouched for until it is verified again.
            assertThat(verified.vouchesFor(A, STORED)).isFalse();
        }
    }

    @Test
    void aVerificationIsTrustedForTheRememberedPeriodOnly() {
        verified.verified(A, STORED);

        clock.advance(REMEMBER.minusMillis(1));
        assertThat(verified.vouchesFor(A, STORED)).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(verified.vouchesFor(A, STORED)).isFalse();
        assertThat(verified.size()).isZero();
    }

    @Test
    void aClockThatWentBackIsNoReasonToTrust() {
        verified.verified(A, STORED);

        clock.set(T0.minusSeconds(1));
        assertThat(verified.vouchesFor(A, STORED)).isFalse();
    }

    @Test
    void objectsWithoutAVersionAreNeverRemembered() {
        ObjectInfo unversioned = new ObjectInfo("blobs/a", 5_000_000, T0);
        verified.verified(A, unversioned);

        assertThat(verified.vouchesFor(A, unversioned)).isFalse();
        assertThat(verified.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedIsForgottenBeyondCapacity() {
        Digest c = digest("c");
        verified.verified(A, STORED);
        verified.verified(B, STORED);
        assertThat(verified.vouchesFor(A, STORED)).isTrue(); // A is now the most recently used

        verified.verified(c, STORED);

        assertThat(verified.size()).isEqualTo(2);
        assertThat(verified.vouchesFor(B, STORED)).isFalse();
        assertThat(verified.vouchesFor(A, STORED)).isTrue();
        assertThat(verified.vouchesFor(c, STORED)).isTrue();
    }

    @Test
    void aForgottenBlobIsNotVouchedFor() {
        verified.verified(A, STORED);
        verified.forget(A);

        assertThat(verified.vouchesFor(A, STORED)).isFalse();
    }

    @Test
    void aZeroPeriodRemembersNothing() {
        VerifiedBlobs none = new VerifiedBlobs(Duration.ZERO, 10, clock);
        none.verified(A, STORED);

        assertThat(none.enabled()).isFalse();
        assertThat(none.vouchesFor(A, STORED)).isFalse();
        assertThat(VerifiedBlobs.NONE.enabled()).isFalse();
    }

    private static Digest digest(String content) {
        return Digest.of(DigestAlgorithm.SHA256, content.getBytes(StandardCharsets.UTF_8));
    }
}
