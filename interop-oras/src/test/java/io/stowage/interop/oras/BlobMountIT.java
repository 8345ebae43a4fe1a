package io.stowage.interop.oras;

import land.oras.ContainerRef;
import land.oras.exception.OrasException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.stowage.interop.oras.BinaryFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cross-repository blob mounts requested through the SDK. */
class BlobMountIT extends OrasTestBase {


    @Test
    void mountsABlobIntoAnotherRepositoryWhichThenServesItByDigest() throws Exception {
        Path blob = BinaryFiles.random(dir.resolve("mount/blob.bin"), 2L * MIB + 99, 21);
        String digest = BinaryFiles.digest(blob);
        ContainerRef source = stowage.ref("oras/mount-source").withDigest(digest);
        // The SDK builds the mount URL from the target reference and insists that it has the digest too.
        ContainerRef target = stowage.ref("oras/mount-target").withDigest(digest);
        oras.pushBlob(source, blob);
        assertThatThrownBy(() -> oras.fetchBlobDescriptor(target))
                .as("not in the target repository before the mount")
                .isInstanceOfSatisfying(OrasException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));

        boolean mounted = oras.mountBlob(source, target);

        // true only for 201 Created; a 202 would mean the registry fell back to opening an upload session.
        assertThat(mounted).isTrue();
        Path fetched = dir.resolve("mount/fetched.bin");
        oras.fetchBlob(target, fetched);
        assertThat(BinaryFiles.digest(fetched)).isEqualTo(digest);
        List<AccessLogEntry> posts = stowage.orasRequests(e -> e.method().equals("POST")
                && e.path().equals("/v2/oras/mount-target/blobs/uploads/"), 1);
        assertThat(posts).singleElement().satisfies(post -> {
            assertThat(post.status()).isEqualTo(201);
            assertThat(post.bytesIn()).as("a mount moves no blob bytes").isZero();
        });
    }
}
