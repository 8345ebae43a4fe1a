package io.stowage.storage.s3;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.ObjectKeys;
import io.stowage.storage.ObjectNotFoundException;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.ObjectStoreContract;
import io.stowage.storage.StorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on a real S3 (see {@link S3TestEnvironment}), plus what is particular to S3: pieces, server-side
 * assembly, presigned URLs, the bucket. Every test gets a fresh key prefix in one shared bucket, emptied after it.
 */
class S3ObjectStoreIT extends ObjectStoreContract {

    private static final String BUCKET = "stowage-contract";
    private static final int MIB = 1024 * 1024;

    private static final Set<String> KEY_PREFIXES = ConcurrentHashMap.newKeySet();
    private static S3Client s3;
    private String keyPrefix;

    @BeforeAll
    static void connect() {
        s3 = S3TestEnvironment.client();
    }

    /**
     * Every test, the contract's failing appends included, must complete or abort its multipart uploads. Checked
     * once for all tests: a listing of uploads is slow on Ceph, and the keys name the test.
     */
    @AfterAll
    static void noUploadIsLeftPendingAndDisconnect() {
        if (s3 == null) {
            return;
        }
        try (S3Client client = s3) {
            List<String> left = client.listMultipartUploads(r -> r.bucket(BUCKET)).uploads().stream()
                    .map(MultipartUpload::key)
                    .filter(key -> KEY_PREFIXES.stream().anyMatch(key::startsWith))
                    .toList();
            KEY_PREFIXES.forEach(prefix -> S3TestEnvironment.deleteEverything(client, BUCKET, prefix));
            assertThat(left).as("multipart uploads left pending").isEmpty();
        }
    }

    @Override
    protected ObjectStore createStore() {
        keyPrefix = S3TestEnvironment.randomKeyPrefix();
        KEY_PREFIXES.add(keyPrefix);
        return S3ObjectStore.open(S3TestEnvironment.settings(BUCKET, keyPrefix, true));
    }

    @Override
    protected void destroyStore(ObjectStore closed) {
        S3TestEnvironment.deleteObjects(s3, BUCKET, keyPrefix);
    }

    /** The S3 names under this test's prefix, without it. */
    private List<String> namesInTheBucket() {
        return S3TestEnvironment.names(s3, BUCKET, keyPrefix).stream()
                .map(name -> name.substring(keyPrefix.length())).toList();
    }

    private String etagOf(String key) {
        return s3.headObject(r -> r.bucket(BUCKET).key(keyPrefix + key)).eTag();
    }

    private void putBehindTheStoresBack(String name, String content) {
        s3.putObject(r -> r.bucket(BUCKET).key(keyPrefix + name), RequestBody.fromString(content));
    }

    @Test
    void describesItselfByEndpointBucketAndKeyPrefix() {
        String endpoint = System.getenv("S3_ENDPOINT").replaceAll("/$", "");

        assertThat(store.describe()).isEqualTo("s3:" + endpoint + "/" + BUCKET + "/" + keyPrefix);
    }

    @Test
    void announcesS3sMinimumPartSizeAsThePreferredMinimumAppend() {
        assertThat(store.preferredMinimumAppend()).isEqualTo(5L * MIB);
    }

    @Test
    void oneAppendIsOneWholeObjectAndTheNextTurnsItIntoPieces() throws IOException {
        store.append(key("k"), stream("abc"));
        assertThat(namesInTheBucket()).containsExactly(key("k"));

        store.append(key("k"), stream("de"));

        assertThat(namesInTheBucket()).containsExactly("." + key("k") + "!000000000000",
                "." + key("k") + "!000000000003");
        assertThat(readAll(key("k"), 2)).isEqualTo(utf8("cde"));
    }

    @Test
    void appendsOfAtLeastFiveMibAreAssembledInsideS3() throws IOException {
        byte[] content = randomBytes(3 * 5 * MIB + 1234, 1);
        for (int offset = 0; offset < content.length; offset += 5 * MIB) {
            int length = Math.min(5 * MIB, content.length - offset);
            store.append(key("upload"), new ByteArrayInputStream(content, offset, length));
        }
        assertThat(namesInTheBucket()).hasSize(4).allMatch(name -> name.startsWith("." + key("upload") + "!"));

        store.move(key("upload"), key("blob"));

        // one multipart part per piece: UploadPartCopy of each; streamed, it would be two 8 MiB parts
        assertThat(etagOf(key("blob"))).matches("\"?[0-9a-f]+-4\"?");
        assertThat(readAll(key("blob"), 0)).isEqualTo(content);
        assertThat(namesInTheBucket()).containsExactly(key("blob"));
    }

    @Test
    void smallAppendsAreAssembledByStreamingThemThroughOnePut() throws IOException {
        byte[] content = randomBytes(300 * 1024, 2);
        for (int i = 0; i < 3; i++) {
            store.append(key("upload"), new ByteArrayInputStream(content, i * 100 * 1024, 100 * 1024));
        }

        store.move(key("upload"), key("blob"));

        assertThat(etagOf(key("blob"))).doesNotContain("-");
        assertThat(readAll(key("blob"), 0)).isEqualTo(content);
        assertThat(namesInTheBucket()).containsExactly(key("blob"));
    }

    @Test
    void aSmallPieceBeforeTheLastMakesTheMoveStreamInBufferSizedParts() throws IOException {
        int[] sizes = {5 * MIB, MIB, 5 * MIB, 3 * MIB};
        byte[] content = randomBytes(14 * MIB, 3);
        int offset = 0;
        for (int size : sizes) {
            store.append(key("upload"), new ByteArrayInputStream(content, offset, size));
            offset += size;
        }

        store.move(key("upload"), key("blob"));

        assertThat(etagOf(key("blob"))).matches("\"?[0-9a-f]+-2\"?");
        assertThat(readAll(key("blob"), 0)).isEqualTo(content);
        assertThat(namesInTheBucket()).containsExactly(key("blob"));
    }

    @Test
    void sourcesTooLargeForOneCopyAreCopiedInRanges() throws IOException {
        // S3 copies at most 5 GiB at once; shrunk here to 12 MiB, with 10 MiB ranges
        Tuning small = new Tuning(8 * MIB, 12 * MIB, 10 * MIB);
        byte[] first = randomBytes(25 * MIB, 4);
        byte[] second = randomBytes(MIB, 5);
        try (ObjectStore tuned = S3ObjectStore.open(S3TestEnvironment.settings(BUCKET, keyPrefix), small)) {
            tuned.append(key("upload"), new ByteArrayInputStream(first));
            // turning the 25 MiB whole object into its first piece is a ranged copy of three parts
            tuned.append(key("upload"), new ByteArrayInputStream(second));
            assertThat(s3.headObject(r -> r.bucket(BUCKET).key(keyPrefix + "." + key("upload") + "!000000000000"))
                    .eTag()).matches("\"?[0-9a-f]+-3\"?");

            tuned.move(key("upload"), key("blob"));

            assertThat(etagOf(key("blob"))).matches("\"?[0-9a-f]+-4\"?");
            try (InputStream in = tuned.read(key("blob"), 0)) {
                assertThat(in.readAllBytes()).isEqualTo(concat(first, second));
            }
        }
    }

    @Test
    void appendsBufferWithinTheMemoryBudgetAndWaitForIt() throws Exception {
        // Room for one part of S3's smallest size only: an append makes do with 5 MiB parts, and waits while
        // another transfer holds the memory.
        MemoryBudget memory = MemoryBudget.ofBytes(5 * MIB);
        byte[] content = randomBytes(12 * MIB, 6);
        try (ObjectStore budgeted = S3ObjectStore.open(S3TestEnvironment.settings(BUCKET, keyPrefix),
                Tuning.DEFAULT, memory)) {
            MemoryBudget.Grant other = memory.take(MIB);
            CompletableFuture<Long> append = CompletableFuture.supplyAsync(() -> {
                try {
                    return budgeted.append(key("upload"), new ByteArrayInputStream(content));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Thread.sleep(300);
            assertThat(append).isNotDone();
            assertThat(budgeted.stat(key("upload"))).isEmpty();

            other.close();
            assertThat(append.get(60, TimeUnit.SECONDS)).isEqualTo(content.length);
            assertThat(readAll(key("upload"), 0)).isEqualTo(content);
        }
        assertThat(memory.availableBytes()).isEqualTo(5 * MIB);
    }

    @Test
    void aFailedAppendLeavesNoPieceAndNoPendingUpload() throws IOException {
        store.append(key("pieced"), stream("abc"));
        store.append(key("pieced"), stream("def"));
        List<String> before = namesInTheBucket();
        IOException boom = new IOException("client went away");

        // more than a buffer, so both become multipart uploads before failing
        assertThatThrownBy(() -> store.append(key("new"), failingAfter(20 * MIB, boom))).isSameAs(boom);
        assertThatThrownBy(() -> store.append(key("pieced"), failingAfter(20 * MIB, boom))).isSameAs(boom);

        assertThat(S3TestEnvironment.pendingUploads(s3, BUCKET, keyPrefix)).isEmpty();
        assertThat(namesInTheBucket()).isEqualTo(before);
        assertThat(readAll(key("pieced"), 0)).isEqualTo(utf8("abcdef"));
        assertThat(store.stat(key("new"))).isEmpty();
    }

    @Test
    void presignedUrlsDownloadTheWholeObject() throws Exception {
        byte[] content = randomBytes(70_000, 6);
        store.append(key("blob"), new ByteArrayInputStream(content));

        URI url = store.presignedDownload(key("blob"), Duration.ofMinutes(5)).orElseThrow();

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(content);
        }
    }

    @Test
    void presignedUrlsAreOnlyForWholeObjectsAndOnlyWhenEnabled() throws IOException {
        store.append(key("pieced"), stream("a"));
        store.append(key("pieced"), stream("b"));
        store.append(key("blob"), stream("x"));

        assertThat(store.presignedDownload(key("pieced"), Duration.ofMinutes(5))).isEmpty();
        assertThat(store.presignedDownload(key("missing"), Duration.ofMinutes(5))).isEmpty();
        assertThatThrownBy(() -> store.presignedDownload(key("blob"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.presignedDownload(key("blob"), Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
        try (ObjectStore unsigned = S3ObjectStore.open(S3TestEnvironment.settings(BUCKET, keyPrefix, false))) {
            assertThat(unsigned.presignedDownload(key("blob"), Duration.ofMinutes(5))).isEmpty();
        }
    }

    @Test
    void openCreatesAMissingBucketAndReopensIt() throws IOException {
        String bucket = "stowage-it-" + randomHex(4);
        try {
            try (ObjectStore created = S3ObjectStore.open(S3TestEnvironment.settings(bucket, ""))) {
                created.append("k", stream("x"));
            }
            s3.headBucket(r -> r.bucket(bucket));
            try (ObjectStore reopened = S3ObjectStore.open(S3TestEnvironment.settings(bucket, ""))) {
                assertThat(reopened.list("", null, 10)).containsExactly("k");
            }
        } finally {
            S3TestEnvironment.deleteEverything(s3, bucket, "");
            s3.deleteBucket(r -> r.bucket(bucket));
        }
    }

    @Test
    void theLongestKeyUnderTheLongestPrefixFitsS3sNameLimit() throws IOException {
        assertThat(keyPrefix).hasSize(S3Settings.MAX_KEY_PREFIX_LENGTH);
        String longest = key(("d".repeat(250) + "/").repeat(3));
        longest += "n".repeat(ObjectKeys.MAX_KEY_LENGTH - longest.length());

        store.append(longest, stream("a"));
        store.append(longest, stream("b"));

        assertThat(S3TestEnvironment.names(s3, BUCKET, keyPrefix)).hasSize(2)
                .allMatch(name -> name.length() <= 1024).anyMatch(name -> name.length() == 1024);
        assertThat(readAll(longest, 0)).isEqualTo(utf8("ab"));
    }

    @Test
    void piecesWithoutTheFirstAreRemainsOfADeleteAndNoObject() throws IOException {
        putBehindTheStoresBack("." + key("k") + "!000000000005", "tail");

        assertThat(store.stat(key("k"))).isEmpty();
        assertThatThrownBy(() -> store.read(key("k"), 0)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.list(key(""), null, 10)).isEmpty();
        assertThatThrownBy(() -> store.move(key("k"), key("elsewhere"))).isInstanceOf(ObjectNotFoundException.class);

        assertThat(store.append(key("k"), stream("new"))).isEqualTo(3);
        assertThat(readAll(key("k"), 0)).isEqualTo(utf8("new"));
        // the next append turns the whole object into pieces and must not count the remains among them
        assertThat(store.append(key("k"), stream("er"))).isEqualTo(5);
        assertThat(namesInTheBucket()).containsExactly("." + key("k") + "!000000000000",
                "." + key("k") + "!000000000003");
        assertThat(readAll(key("k"), 0)).isEqualTo(utf8("newer"));
    }

    @Test
    void deletingRemainsOfADeleteClearsThemButFindsNoObject() {
        putBehindTheStoresBack("." + key("k") + "!000000000005", "tail");

        assertThat(store.delete(key("k"))).isFalse();
        assertThat(namesInTheBucket()).isEmpty();
    }

    @Test
    void piecesWithAGapAreAStorageFailure() {
        putBehindTheStoresBack("." + key("k") + "!000000000000", "abc");
        putBehindTheStoresBack("." + key("k") + "!000000000005", "fgh");

        assertThatThrownBy(() -> store.stat(key("k"))).isInstanceOf(StorageException.class)
                .hasMessageContaining("damaged");
        assertThat(store.delete(key("k"))).isTrue();
        assertThat(namesInTheBucket()).isEmpty();
    }

    @Test
    void objectsPutThereByOthersAreServedAndNamesThatAreNoKeysIgnored() throws IOException {
        putBehindTheStoresBack(key("restored/from-backup"), "old");
        putBehindTheStoresBack(key("dir/"), "");
        putBehindTheStoresBack(key("with space"), "x");
        putBehindTheStoresBack(key("a/.hidden"), "x");

        assertThat(store.list(key(""), null, 10)).containsExactly(key("restored/from-backup"));
        assertThat(readAll(key("restored/from-backup"), 1)).isEqualTo(utf8("ld"));
    }

    @Test
    void readingPiecesFromAnyOffsetCrossesPieceBoundaries() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            byte[] piece = randomBytes(1000 + i, 10 + i);
            all.writeBytes(piece);
            store.append(key("k"), new ByteArrayInputStream(piece));
        }
        byte[] content = all.toByteArray();

        for (int offset : new int[] {0, 999, 1000, 1001, 2500, content.length - 1, content.length}) {
            assertThat(readAll(key("k"), offset)).as("from %d", offset)
                    .isEqualTo(java.util.Arrays.copyOfRange(content, offset, content.length));
        }
        try (InputStream in = store.read(key("k"), 0)) {
            assertThat(in.readNBytes(10)).isEqualTo(java.util.Arrays.copyOf(content, 10));
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
