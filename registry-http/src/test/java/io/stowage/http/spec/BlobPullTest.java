package io.stowage.http.spec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.assertErrorStatus;
import static io.stowage.http.spec.OciAssertions.assertHeadError;
import static org.assertj.core.api.Assertions.assertThat;

/** end-2 (GET/HEAD a blob, with ranges) and end-10 (DELETE a blob); blobs are scoped to their repositories. */
class BlobPullTest extends SpecTestBase {

    /** 100 bytes, all different, so a wrong offset shows in the body. */
    private static final byte[] CONTENT = new byte[100];

    static {
        for (int i = 0; i < CONTENT.length; i++) {
            CONTENT[i] = (byte) i;
        }
    }

    static String digest;

    @BeforeAll
    static void seed() throws Exception {
        digest = client.pushBlob("pull/blobs", CONTENT);
    }

    @Test
    void getServesTheBlobWithLengthTypeAndDigest() {
        Response response = client.get("/v2/pull/blobs/blobs/" + digest);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
        assertThat(response.header("Content-Length")).isEqualTo("100");
        assertThat(response.mediaType()).isEqualTo("application/octet-stream");
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
    }

    @Test
    void headAnswersTheSameHeadersWithoutABody() {
        Response response = client.head("/v2/pull/blobs/blobs/" + digest);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Length")).isEqualTo("100");
        assertThat(response.mediaType()).isEqualTo("application/octet-stream");
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bytes=0-9, 0, 9",
            "bytes=0-0, 0, 0",
            "bytes=90-99, 90, 99",
            "bytes=50-, 50, 99",
            "bytes=95-1000, 95, 99",
            "bytes=-10, 90, 99",
            "bytes=-1, 99, 99",
            "bytes=-500, 0, 99",
    })
    void aSatisfiableRangeIsServedAsPartialContent(String range, int first, int last) {
        Response response = client.get("/v2/pull/blobs/blobs/" + digest, "Range", range);

        assertThat(response.status()).as(response.describe()).isEqualTo(206);
        assertThat(response.header("Content-Range")).isEqualTo("bytes " + first + "-" + last + "/100");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(last - first + 1));
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(CONTENT, first, last + 1));
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=5000-5001", "bytes=-0"})
    void anUnsatisfiableRangeIs416WithTheBlobLength(String range) {
        Response response = client.get("/v2/pull/blobs/blobs/" + digest, "Range", range);

        assertErrorStatus(response, 416);
        assertThat(response.header("Content-Range")).isEqualTo("bytes */100");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"items=0-9", "bytes=9-0", "bytes=a-b", "bytes=0-1,5-6"})
    void aRangeTheRegistryDoesNotHonourGetsTheWholeBlob(String range) {
        // RFC 9110, section 14.2: a server MAY ignore the Range header field.
        Response response = client.get("/v2/pull/blobs/blobs/" + digest, "Range", range);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=0-9", "bytes=-5", "bytes=100-", "bytes=-0"})
    void headIgnoresRangeAndDescribesTheWholeBlob(String range) {
        // RFC 9110, section 14.2: "A server MUST ignore a Range header field received with a request method that is
        // unrecognized or for which range handling is not defined. For this specification, GET is the only method
        // for which range handling is defined."
        Response response = client.head("/v2/pull/blobs/blobs/" + digest, "Range", range);

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo("100");
        assertThat(response.hasHeader("Content-Range")).isFalse();
    }

    @Test
    void anUnknownBlobIs404BlobUnknown() {
        String unknown = Digests.sha256("never pushed".getBytes(StandardCharsets.UTF_8));

        assertError(client.get("/v2/pull/blobs/blobs/" + unknown), 404, "BLOB_UNKNOWN");
        assertHeadError(client.head("/v2/pull/blobs/blobs/" + unknown), 404);
        assertError(client.get("/v2/no/such/repository/blobs/" + unknown), 404, "BLOB_UNKNOWN");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "sha256:abc",
            "sha256:ABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD",
            "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "sha256:gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
            "sha512:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "md5:d41d8cd98f00b204e9800998ecf8427e",
            "sha256",
            "sha256:",
            ":aaaa",
            "notadigest",
    })
    void aMalformedDigestIs400DigestInvalid(String malformed) {
        assertError(client.get("/v2/pull/blobs/blobs/" + malformed), 400, "DIGEST_INVALID");
        assertError(client.delete("/v2/pull/blobs/blobs/" + malformed), 400, "DIGEST_INVALID");
        assertHeadError(client.head("/v2/pull/blobs/blobs/" + malformed), 400);
    }

    @Test
    void aSha512BlobIsStoredAndServedUnderItsSha512Digest() {
        byte[] content = "sha512 content".getBytes(StandardCharsets.UTF_8);
        String sha512 = Digests.sha512(content);

        Response pushed = client.post("/v2/pull/sha512/blobs/uploads/?digest=" + sha512, content,
                "Content-Type", RegistryClient.OCTET_STREAM);
        assertThat(pushed.status()).as(pushed.describe()).isEqualTo(201);
        assertThat(pushed.header("Docker-Content-Digest")).isEqualTo(sha512);

        Response response = client.get("/v2/pull/sha512/blobs/" + sha512);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(sha512);
        assertError(client.get("/v2/pull/sha512/blobs/" + Digests.sha256(content)), 404, "BLOB_UNKNOWN");
    }

    @Test
    void anEmptyBlobIsServedWithZeroLength() {
        String empty = client.pushBlob("pull/empty", new byte[0]);

        Response response = client.get("/v2/pull/empty/blobs/" + empty);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo("0");
        assertThat(response.body()).isEmpty();
        assertThat(empty).isEqualTo(Digests.EMPTY_SHA256);
    }

    @Test
    void deleteAnswers202AndTheBlobIsGoneFromThatRepository() {
        byte[] content = "to be deleted".getBytes(StandardCharsets.UTF_8);
        String deleted = client.pushBlob("pull/delete", content);
        client.pushBlob("pull/keeps", content);

        Response response = client.delete("/v2/pull/delete/blobs/" + deleted);

        assertThat(response.status()).as(response.describe()).isEqualTo(202);
        assertError(client.get("/v2/pull/delete/blobs/" + deleted), 404, "BLOB_UNKNOWN");
        assertHeadError(client.head("/v2/pull/delete/blobs/" + deleted), 404);
        assertError(client.delete("/v2/pull/delete/blobs/" + deleted), 404, "BLOB_UNKNOWN");
        // The same content pushed to another repository is that repository's own and stays.
        assertThat(client.get("/v2/pull/keeps/blobs/" + deleted).body()).isEqualTo(content);
    }

    @Test
    void aBlobPushedToOneRepositoryIsNotServedByAnotherUntilMounted() {
        byte[] content = "scoped to a".getBytes(StandardCharsets.UTF_8);
        String scoped = client.pushBlob("scope/a", content);

        assertError(client.get("/v2/scope/b/blobs/" + scoped), 404, "BLOB_UNKNOWN");
        assertHeadError(client.head("/v2/scope/b/blobs/" + scoped), 404);

        Response mounted = client.post("/v2/scope/b/blobs/uploads/?mount=" + scoped + "&from=scope/a", null);
        assertThat(mounted.status()).as(mounted.describe()).isEqualTo(201);

        assertThat(client.get("/v2/scope/b/blobs/" + scoped).body()).isEqualTo(content);
    }
}
