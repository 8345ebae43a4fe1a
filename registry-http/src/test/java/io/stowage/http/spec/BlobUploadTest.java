package io.stowage.http.spec;

import io.stowage.oci.Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.assertErrorStatus;
import static io.stowage.http.spec.OciAssertions.assertHeadError;
import static io.stowage.http.spec.RegistryClient.OCTET_STREAM;
import static io.stowage.http.spec.RegistryClient.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushing blobs: end-4a/4b (POST), end-5 (PATCH), end-6 (closing PUT), end-13 (GET status) and cancelling with
 * DELETE ("Pushing a blob monolithically", "Pushing a blob in chunks").
 */
class BlobUploadTest extends SpecTestBase {

    private static final String UUID_PATTERN = "[0-9a-fA-F-]{36}";

    @Test
    void postStartsASessionWithLocationRangeAndUploadUuid() {
        Response response = client.post("/v2/up/start/blobs/uploads/", null);

        assertThat(response.status()).as(response.describe()).isEqualTo(202);
        String location = response.header("Location");
        assertThat(location).matches("/v2/up/start/blobs/uploads/" + UUID_PATTERN);
        assertThat(response.header("Range")).isEqualTo("0-0");
        assertThat(response.header("Docker-Upload-UUID")).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        assertThat(response.header("OCI-Chunk-Min-Length")).as("the filesystem store takes chunks of any size")
                .isNull();
    }

    @Test
    void aClientThatGoesAwayMidChunkGets400AndTheSessionKeepsOnlyWhatWasAcknowledged() {
        String location = client.startUpload("up/vanishing");
        byte[] first = bytes(10_000, 31);
        assertThat(client.patch(location, first, "Content-Type", OCTET_STREAM).status()).isEqualTo(202);

        Response cut = RawHttp.sendTruncated(registry.port(), "PATCH", location, 1_000_000, bytes(70_000, 32));

        // The client's failure, not the registry's: a 400 with a spec code, no 500.
        assertError(cut, 400, "BLOB_UPLOAD_INVALID");
        Response status = client.get(location);
        assertThat(status.status()).isEqualTo(204);
        assertThat(status.header("Range")).as("the broken chunk is not kept").isEqualTo("0-9999");
        byte[] rest = bytes(5_000, 33);
        assertThat(client.patch(location, rest, "Content-Type", OCTET_STREAM).status()).isEqualTo(202);
        byte[] whole = new byte[first.length + rest.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(rest, 0, whole, first.length, rest.length);
        String digest = Digests.sha256(whole);
        assertThat(client.put(withQuery(location, "digest=" + digest), null).status()).isEqualTo(201);
        assertThat(client.get("/v2/up/vanishing/blobs/" + digest).body()).isEqualTo(whole);
    }

    @Test
    void aRefusedRequestNeverAsksAClientWaitingFor100ContinueToSendItsBody() {
        // Unknown session: the answer is known before any body byte is needed.
        Response refused = RawHttp.sendExpectingContinue(registry.port(), "PATCH",
                "/v2/up/continue/blobs/uploads/3f1c0a2e-8b7d-4c4e-9a51-0d6f2b9e7c11", 50_000_000);

        assertError(refused, 404, "BLOB_UPLOAD_UNKNOWN");
        assertThat(refused.header("Connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void anAcceptedChunkAsksAClientWaitingFor100ContinueForItsBody() {
        String location = client.startUpload("up/continue");

        assertThat(RawHttp.sendExpectingContinue(registry.port(), "PATCH", location, 1_000).status()).isEqualTo(100);
    }

    @Test
    void everySessionGetsItsOwnLocation() {
        assertThat(client.startUpload("up/unique")).isNotEqualTo(client.startUpload("up/unique"));
    }

    @Test
    void aSinglePostWithDigestStoresTheBlob() {
        byte[] content = bytes(5000, 1);
        String digest = Digests.sha256(content);

        Response response = client.post("/v2/up/single/blobs/uploads/?digest=" + digest, content,
                "Content-Type", OCTET_STREAM);

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/v2/up/single/blobs/" + digest);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(client.get(response.header("Location")).body()).isEqualTo(content);
    }

    @Test
    void postThenPutWithTheWholeBlobStoresIt() {
        byte[] content = bytes(70_000, 2);
        String digest = Digests.sha256(content);
        String location = client.startUpload("up/postput");

        Response response = client.put(withQuery(location, "digest=" + digest), content, "Content-Type", OCTET_STREAM);

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/v2/up/postput/blobs/" + digest);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(client.get(response.header("Location")).body()).isEqualTo(content);
        // A closed session is over.
        assertError(client.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void aSinglePostWithAMalformedDigestIs400AndStoresNothing() {
        Response response = client.post("/v2/up/malformed/blobs/uploads/?digest=sha256:xyz", bytes(10, 23),
                "Content-Type", OCTET_STREAM);

        assertError(response, 400, "DIGEST_INVALID");
        assertError(client.get("/v2/up/malformed/tags/list"), 404, "NAME_UNKNOWN");
    }

    @Test
    void aChunkWhoseContentRangeDisagreesWithItsLengthIsRefusedAndNotStored() {
        String location = client.startUpload("up/disagree");

        Response response = client.patch(location, bytes(5, 24), "Content-Type", OCTET_STREAM,
                "Content-Range", "0-9");

        assertThat(response.status()).as(response.describe()).isBetween(400, 416);
        OciAssertions.firstErrorCode(response);
        assertThat(client.get(location).header("Range")).isEqualTo("0-0");
    }

    @Test
    void aSmallBlobInOnePatchThenAnEmptyPutIsKeptInlineAndServedLikeAnyBlob() {
        // As podman, skopeo and buildah push an image's config: POST, one PATCH with the bytes, PUT without a body.
        byte[] content = bytes(5_000, 9);
        String digest = Digests.sha256(content);
        String location = client.startUpload("up/small-patch");

        Response patched = patchChunk(location, content, 0, content.length);
        assertThat(patched.status()).as(patched.describe()).isEqualTo(202);
        assertThat(patched.header("Range")).isEqualTo("0-4999");
        Response status = client.get(patched.header("Location"));
        assertThat(status.status()).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-4999");
        Response closed = client.put(withQuery(patched.header("Location"), "digest=" + digest), null);

        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(closed.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(registry.metadata().blobs().findLinked(io.stowage.oci.RepositoryName.parse("up/small-patch"),
                Digest.parse(digest))).hasValueSatisfying(blob -> assertThat(blob.inline()).isTrue());
        Response head = client.head("/v2/up/small-patch/blobs/" + digest);
        assertThat(head.header("Content-Length")).isEqualTo("5000");
        assertThat(client.get("/v2/up/small-patch/blobs/" + digest).body()).isEqualTo(content);
        Response range = client.get("/v2/up/small-patch/blobs/" + digest, "Range", "bytes=4990-");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content, 4990, 5000));
        assertError(client.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void chunksWithContentRangeAreAppendedInOrder() {
        byte[] content = bytes(30_000, 3);
        String location = client.startUpload("up/chunks");

        for (int start = 0; start < content.length; start += 10_000) {
            Response response = patchChunk(location, content, start, start + 10_000);
            assertThat(response.status()).as(response.describe()).isEqualTo(202);
            assertThat(response.header("Range")).isEqualTo("0-" + (start + 10_000 - 1));
            assertThat(response.header("Location")).isNotBlank();
            location = response.header("Location");
        }
        Response closed = client.put(withQuery(location, "digest=" + Digests.sha256(content)), null);

        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(client.get(closed.header("Location")).body()).isEqualTo(content);
    }

    @Test
    void streamedChunksWithoutContentRangeOrLengthAreAppended() {
        byte[] content = bytes(600_000, 4);
        String location = client.startUpload("up/streamed");

        Response first = client.sendStreamed("PATCH", location, Arrays.copyOfRange(content, 0, 250_000),
                "Content-Type", OCTET_STREAM);
        assertThat(first.status()).as(first.describe()).isEqualTo(202);
        assertThat(first.header("Range")).isEqualTo("0-249999");
        Response second = client.sendStreamed("PATCH", first.header("Location"),
                Arrays.copyOfRange(content, 250_000, content.length), "Content-Type", OCTET_STREAM);
        assertThat(second.status()).as(second.describe()).isEqualTo(202);
        assertThat(second.header("Range")).isEqualTo("0-599999");

        Response closed = client.put(withQuery(second.header("Location"), "digest=" + Digests.sha256(content)), null);
        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(client.get(closed.header("Location")).body()).isEqualTo(content);
    }

    @Test
    void aLargeStreamedUploadIsStoredIntactAndServedInRanges() {
        byte[] content = bytes(8 * 1024 * 1024 + 17, 25);
        String digest = Digests.sha256(content);
        String location = client.startUpload("up/large");

        Response patched = client.sendStreamed("PATCH", location, content, "Content-Type", OCTET_STREAM);
        Response closed = client.put(withQuery(patched.header("Location"), "digest=" + digest), null);

        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        Response tail = client.get(closed.header("Location"), "Range", "bytes=-100");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 100, content.length));
        Response whole = client.get(closed.header("Location"));
        assertThat(Digests.sha256(whole.body())).isEqualTo(digest);
    }

    @Test
    void aChunkWithKnownLengthButNoContentRangeIsAppended() {
        byte[] content = bytes(2_000, 5);
        String location = client.startUpload("up/nocontentrange");

        Response first = client.patch(location, Arrays.copyOfRange(content, 0, 1_500), "Content-Type", OCTET_STREAM);
        Response second = client.patch(first.header("Location"), Arrays.copyOfRange(content, 1_500, 2_000),
                "Content-Type", OCTET_STREAM);

        assertThat(second.status()).as(second.describe()).isEqualTo(202);
        assertThat(second.header("Range")).isEqualTo("0-1999");
        Response closed = client.put(withQuery(second.header("Location"), "digest=" + Digests.sha256(content)), null);
        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
    }

    @Test
    void anOutOfOrderChunkIs416AndLeavesTheSessionWhereItWas() {
        byte[] content = bytes(3_000, 6);
        String location = client.startUpload("up/order");
        assertThat(patchChunk(location, content, 0, 1_000).status()).isEqualTo(202);

        Response gap = patchChunk(location, content, 2_000, 3_000);
        Response overlap = patchChunk(location, content, 500, 1_500);
        Response restart = patchChunk(location, content, 0, 1_000);

        assertErrorStatus(gap, 416);
        assertErrorStatus(overlap, 416);
        assertErrorStatus(restart, 416);
        // "A GET request may be used to retrieve the current valid offset and upload location."
        Response status = client.get(location);
        assertThat(status.status()).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-999");
        // The client resumes from there and finishes.
        assertThat(patchChunk(status.header("Location"), content, 1_000, 3_000).status()).isEqualTo(202);
        Response closed = client.put(withQuery(location, "digest=" + Digests.sha256(content)), null);
        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(client.get(closed.header("Location")).body()).isEqualTo(content);
    }

    @Test
    void statusAnswers204WithRangeAndLocation() {
        String location = client.startUpload("up/status");

        Response empty = client.get(location);
        assertThat(empty.status()).as(empty.describe()).isEqualTo(204);
        assertThat(empty.header("Range")).isEqualTo("0-0");
        assertThat(empty.header("Location")).isEqualTo(location);
        assertThat(empty.body()).isEmpty();

        client.patch(location, bytes(1234, 7), "Content-Type", OCTET_STREAM);
        Response partial = client.get(location);
        assertThat(partial.status()).isEqualTo(204);
        assertThat(partial.header("Range")).isEqualTo("0-1233");
        assertThat(partial.header("Location")).isEqualTo(location);
        assertThat(partial.header("Docker-Upload-UUID")).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void theClosingPutMayCarryTheFinalChunkWithContentRange() {
        byte[] content = bytes(4_000, 8);
        String location = client.startUpload("up/finalchunk");
        assertThat(patchChunk(location, content, 0, 2_500).status()).isEqualTo(202);

        Response closed = client.put(withQuery(location, "digest=" + Digests.sha256(content)),
                Arrays.copyOfRange(content, 2_500, 4_000),
                "Content-Type", OCTET_STREAM, "Content-Range", "2500-3999");

        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(closed.header("Location")).isEqualTo("/v2/up/finalchunk/blobs/" + Digests.sha256(content));
        assertThat(client.get(closed.header("Location")).body()).isEqualTo(content);
    }

    @Test
    void theClosingPutMayCarryTheFinalChunkWithoutContentRange() {
        byte[] content = bytes(4_000, 9);
        String location = client.startUpload("up/finalplain");
        assertThat(patchChunk(location, content, 0, 1_000).status()).isEqualTo(202);

        Response closed = client.put(withQuery(location, "digest=" + Digests.sha256(content)),
                Arrays.copyOfRange(content, 1_000, 4_000), "Content-Type", OCTET_STREAM);

        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(client.get(closed.header("Location")).body()).isEqualTo(content);
    }

    @Test
    void aFinalChunkOutOfOrderIs416() {
        byte[] content = bytes(4_000, 10);
        String location = client.startUpload("up/finalorder");
        assertThat(patchChunk(location, content, 0, 1_000).status()).isEqualTo(202);

        Response closed = client.put(withQuery(location, "digest=" + Digests.sha256(content)),
                Arrays.copyOfRange(content, 2_000, 4_000),
                "Content-Type", OCTET_STREAM, "Content-Range", "2000-3999");

        assertErrorStatus(closed, 416);
        assertHeadError(client.head("/v2/up/finalorder/blobs/" + Digests.sha256(content)), 404);
    }

    @Test
    void aWrongDigestOnTheClosingPutIs400AndNothingIsStored() throws IOException {
        byte[] content = bytes(10_000, 11);
        String claimed = Digests.sha256("something else".getBytes(StandardCharsets.UTF_8));
        String location = client.startUpload("up/wrong");
        client.patch(location, content, "Content-Type", OCTET_STREAM);

        Response closed = client.put(withQuery(location, "digest=" + claimed), null);

        assertError(closed, 400, "DIGEST_INVALID");
        assertNotStored("up/wrong", claimed, Digests.sha256(content));
    }

    @Test
    void aWrongDigestOnASinglePostIs400AndNothingIsStored() throws IOException {
        byte[] content = bytes(10_000, 12);
        String claimed = Digests.sha256("another thing".getBytes(StandardCharsets.UTF_8));

        Response response = client.post("/v2/up/wrongpost/blobs/uploads/?digest=" + claimed, content,
                "Content-Type", OCTET_STREAM);

        assertError(response, 400, "DIGEST_INVALID");
        assertNotStored("up/wrongpost", claimed, Digests.sha256(content));
    }

    @Test
    void aWrongSha512DigestIs400AndNothingIsStored() throws IOException {
        byte[] content = bytes(1_000, 13);
        String claimed = Digests.sha512("not it".getBytes(StandardCharsets.UTF_8));
        String location = client.startUpload("up/wrong512");

        Response closed = client.put(withQuery(location, "digest=" + claimed), content, "Content-Type", OCTET_STREAM);

        assertError(closed, 400, "DIGEST_INVALID");
        assertNotStored("up/wrong512", claimed, Digests.sha512(content));
    }

    @Test
    void aChunkedSha512UploadIsVerifiedWithSha512() {
        byte[] content = bytes(50_000, 14);
        String digest = Digests.sha512(content);
        String location = client.startUpload("up/sha512");
        patchChunk(location, content, 0, 20_000);
        patchChunk(location, content, 20_000, 50_000);

        Response closed = client.put(withQuery(location, "digest=" + digest), null);

        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(closed.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(client.get("/v2/up/sha512/blobs/" + digest).body()).isEqualTo(content);
    }

    @Test
    void theClosingPutWithoutDigestIs400() {
        String location = client.startUpload("up/nodigest");
        client.patch(location, bytes(100, 15), "Content-Type", OCTET_STREAM);

        assertError(client.put(location, null), 400, "DIGEST_INVALID");
        assertError(client.put(withQuery(location, "digest="), null), 400, "DIGEST_INVALID");
        assertError(client.put(withQuery(location, "digest=sha256:nothex"), null), 400, "DIGEST_INVALID");
    }

    @Test
    void deleteCancelsTheSession() {
        String location = client.startUpload("up/cancel");
        client.patch(location, bytes(100, 16), "Content-Type", OCTET_STREAM);

        Response cancelled = client.delete(location);

        assertThat(cancelled.status()).as(cancelled.describe()).isEqualTo(204);
        assertError(client.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(client.patch(location, bytes(10, 17), "Content-Type", OCTET_STREAM), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(client.put(withQuery(location, "digest=" + Digests.EMPTY_SHA256), null), 404,
                "BLOB_UPLOAD_UNKNOWN");
        assertError(client.delete(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3f1c0a2e-8b7d-4c4e-9a51-0d6f2b9e7c11", "not-a-session", "12345", "x",
            "3F1C0A2E-8B7D-4C4E-9A51-0D6F2B9E7C11", "3f1c0a2e8b7d4c4e9a510d6f2b9e7c11", "..."})
    void unknownAndMalformedUploadIdsAre404BlobUploadUnknown(String id) {
        String location = "/v2/up/unknown/blobs/uploads/" + id;

        assertError(client.get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(client.patch(location, bytes(10, 18), "Content-Type", OCTET_STREAM), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(client.put(withQuery(location, "digest=" + Digests.EMPTY_SHA256), null), 404,
                "BLOB_UPLOAD_UNKNOWN");
        assertError(client.delete(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void anErrorAnsweredBeforeTheBodyWasReadLeavesTheClientAUsableConnection() {
        // The JDK client pools connections: if the server closed one after refusing an unread body without saying
        // "Connection: close", the next request on it would fail with an I/O error instead of getting an answer.
        byte[] chunk = bytes(256 * 1024, 26);
        for (int i = 0; i < 40; i++) {
            assertError(client.patch("/v2/up/unknown/blobs/uploads/3f1c0a2e-8b7d-4c4e-9a51-0d6f2b9e7c11", chunk,
                    "Content-Type", OCTET_STREAM), 404, "BLOB_UPLOAD_UNKNOWN");
            assertThat(client.get("/v2/").status()).isEqualTo(200);
        }
    }

    @Test
    void aSessionIsUnknownUnderAnotherRepository() {
        byte[] content = bytes(500, 19);
        String location = client.startUpload("up/owner");
        String id = location.substring(location.lastIndexOf('/') + 1);
        String elsewhere = "/v2/up/intruder/blobs/uploads/" + id;

        assertError(client.get(elsewhere), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(client.patch(elsewhere, content, "Content-Type", OCTET_STREAM), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(client.put(withQuery(elsewhere, "digest=" + Digests.sha256(content)), content,
                "Content-Type", OCTET_STREAM), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(client.delete(elsewhere), 404, "BLOB_UPLOAD_UNKNOWN");

        // The owner's session is untouched by all that.
        Response status = client.get(location);
        assertThat(status.status()).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-0");
        Response closed = client.put(withQuery(location, "digest=" + Digests.sha256(content)), content,
                "Content-Type", OCTET_STREAM);
        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertError(client.get("/v2/up/intruder/blobs/" + Digests.sha256(content)), 404, "BLOB_UNKNOWN");
    }

    @Test
    void aSessionSurvivesARestartAndResumes() throws Exception {
        byte[] content = bytes(300_000, 20);
        String location = client.startUpload("up/restart");
        assertThat(patchChunk(location, content, 0, 100_000).status()).isEqualTo(202);

        registry.restart();

        Response status = client.get(location);
        assertThat(status.status()).as(status.describe()).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-99999");
        Response more = patchChunk(status.header("Location"), content, 100_000, 250_000);
        assertThat(more.status()).as(more.describe()).isEqualTo(202);
        assertThat(more.header("Range")).isEqualTo("0-249999");
        Response closed = client.put(withQuery(more.header("Location"), "digest=" + Digests.sha256(content)),
                Arrays.copyOfRange(content, 250_000, 300_000), "Content-Type", OCTET_STREAM);

        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);
        assertThat(closed.header("Docker-Content-Digest")).isEqualTo(Digests.sha256(content));
        assertThat(client.get(closed.header("Location")).body()).isEqualTo(content);
    }

    @Test
    void aRestartedSessionStillRefusesTheWrongDigest() throws Exception {
        byte[] content = bytes(5_000, 21);
        String location = client.startUpload("up/restartwrong");
        patchChunk(location, content, 0, 5_000);

        registry.restart();

        String claimed = Digests.sha256(Arrays.copyOf(content, 4_999));
        assertError(client.put(withQuery(location, "digest=" + claimed), null), 400, "DIGEST_INVALID");
        assertHeadError(client.head("/v2/up/restartwrong/blobs/" + claimed), 404);
    }

    @Test
    void anEmptyBlobCanBePushedBothWays() {
        Response single = client.post("/v2/up/empty/blobs/uploads/?digest=" + Digests.EMPTY_SHA256, new byte[0],
                "Content-Type", OCTET_STREAM);
        assertThat(single.status()).as(single.describe()).isEqualTo(201);

        String location = client.startUpload("up/empty2");
        Response closed = client.put(withQuery(location, "digest=" + Digests.EMPTY_SHA256), null);
        assertThat(closed.status()).as(closed.describe()).isEqualTo(201);

        for (String repository : List.of("up/empty", "up/empty2")) {
            Response blob = client.get("/v2/" + repository + "/blobs/" + Digests.EMPTY_SHA256);
            assertThat(blob.status()).isEqualTo(200);
            assertThat(blob.header("Content-Length")).isEqualTo("0");
            assertThat(blob.body()).isEmpty();
        }
    }

    @Test
    void pushingTheSameBlobTwiceIsHarmless() {
        byte[] content = bytes(1_000, 22);

        String first = client.pushBlob("up/twice", content);
        String second = client.pushBlob("up/twice", content);

        assertThat(second).isEqualTo(first);
        assertThat(client.get("/v2/up/twice/blobs/" + first).body()).isEqualTo(content);
    }

    private static Response patchChunk(String location, byte[] content, int from, int to) {
        return client.patch(location, Arrays.copyOfRange(content, from, to),
                "Content-Type", OCTET_STREAM, "Content-Range", from + "-" + (to - 1));
    }

    /**
     * Neither digest is served, and no file named after either exists in the content-addressed area (the object
     * store lives in {@code <directory>/blobs}, its blobs under the {@code blobs/} key prefix). A control blob pushed
     * first proves the search looks in the right place.
     */
    private static void assertNotStored(String repository, String... digests) throws IOException {
        for (String digest : digests) {
            assertHeadError(client.head("/v2/" + repository + "/blobs/" + digest), 404);
        }
        for (String digest : digests) {
            assertThat(registry.metadata().blobs().find(Digest.parse(digest))).as("no record, so nothing inline")
                    .isEmpty();
        }
        // Larger than what is kept inline, so the walk below demonstrably sees the object store's blobs.
        String control = client.pushBlob(repository, ("control for " + repository).repeat(2000)
                .getBytes(StandardCharsets.UTF_8));
        Path blobsArea = registry.directory().resolve("blobs").resolve("blobs");
        try (Stream<Path> files = Files.walk(blobsArea)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains(Digests.encoded(control));
            for (String digest : digests) {
                assertThat(names).doesNotContain(Digests.encoded(digest));
            }
        }
    }

    /** Deterministic pseudo-random content, different for every seed. */
    private static byte[] bytes(int length, long seed) {
        byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        return content;
    }
}
