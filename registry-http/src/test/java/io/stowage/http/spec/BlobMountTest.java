package io.stowage.http.spec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;

import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.RegistryClient.OCTET_STREAM;
import static io.stowage.http.spec.RegistryClient.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

/** end-11, "Mounting a blob from another repository": 201 when mounted, else 202 and an ordinary session. */
class BlobMountTest extends SpecTestBase {

    @Test
    void aBlobTheSourceHoldsIsMountedWith201() {
        byte[] content = "mount me".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob("mount/source", content);

        Response response = client.post("/v2/mount/target/blobs/uploads/?mount=" + digest + "&from=mount/source", null);

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/v2/mount/target/blobs/" + digest);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
        Response pulled = client.get(response.header("Location"));
        assertThat(pulled.status()).isEqualTo(200);
        assertThat(pulled.body()).isEqualTo(content);
    }

    @Test
    void withoutFromTheRegistryFindsTheBlobItself() {
        // "The registry MAY treat the from parameter as optional, and it MAY cross-mount the blob if it can be found."
        byte[] content = "discover me".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob("mount/somewhere", content);

        Response response = client.post("/v2/mount/discovered/blobs/uploads/?mount=" + digest, null);

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/v2/mount/discovered/blobs/" + digest);
        assertThat(client.get(response.header("Location")).body()).isEqualTo(content);
    }

    @Test
    void anUnknownDigestStartsAnOrdinarySessionWith202() {
        byte[] content = "not there yet".getBytes(StandardCharsets.UTF_8);
        String digest = Digests.sha256(content);

        Response response = client.post("/v2/mount/fallback/blobs/uploads/?mount=" + digest + "&from=mount/source",
                null);

        assertSessionStarted(response, "mount/fallback");
        // "This indicates that the upload session has begun and that the client MAY proceed with the upload."
        Response closed = client.put(withQuery(response.header("Location"), "digest=" + digest), content,
                "Content-Type", OCTET_STREAM);
        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(client.get("/v2/mount/fallback/blobs/" + digest).body()).isEqualTo(content);
    }

    @Test
    void aSourceThatLacksTheBlobIsNoSourceEvenIfAnotherRepositoryHasIt() {
        byte[] content = "elsewhere only".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob("mount/holder", content);
        client.pushBlob("mount/empty-source", "something else".getBytes(StandardCharsets.UTF_8));

        Response response = client.post("/v2/mount/asker/blobs/uploads/?mount=" + digest + "&from=mount/empty-source",
                null);

        assertSessionStarted(response, "mount/asker");
        assertError(client.get("/v2/mount/asker/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }

    @Test
    void aMountFromAnUnknownRepositoryStartsASession() {
        String digest = Digests.sha256("nowhere".getBytes(StandardCharsets.UTF_8));

        Response response = client.post("/v2/mount/lonely/blobs/uploads/?mount=" + digest + "&from=no/such/repo", null);

        assertSessionStarted(response, "mount/lonely");
    }

    @Test
    void aMalformedMountDigestIs400DigestInvalid() {
        assertError(client.post("/v2/mount/bad/blobs/uploads/?mount=sha256:zz&from=mount/source", null), 400,
                "DIGEST_INVALID");
    }

    @Test
    void aBlobDeletedFromTheSourceCannotBeMountedFromIt() {
        byte[] content = "deleted source".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob("mount/deleting", content);
        assertThat(client.delete("/v2/mount/deleting/blobs/" + digest).status()).isEqualTo(202);

        Response response = client.post("/v2/mount/late/blobs/uploads/?mount=" + digest + "&from=mount/deleting",
                null);

        assertSessionStarted(response, "mount/late");
    }

    private static void assertSessionStarted(Response response, String repository) {
        assertThat(response.status()).as(response.describe()).isEqualTo(202);
        assertThat(response.header("Location")).startsWith("/v2/" + repository + "/blobs/uploads/");
        assertThat(response.header("Range")).isEqualTo("0-0");
        assertThat(response.header("Docker-Upload-UUID")).isNotBlank();
        assertThat(client.get(response.header("Location")).status()).isEqualTo(204);
    }
}
