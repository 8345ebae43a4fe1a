package io.stowage.http.spec;

import io.stowage.http.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.stowage.http.spec.OciAssertions.firstErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request paths built to climb out of the data directory: dot segments, encoded dots and slashes, backslashes, NUL.
 * Whatever layer refuses them, the answer is a 4xx with the spec's error body, and the planted files next to the
 * store are neither served nor touched.
 */
class PathSafetyTest {

    private static final String HEX = "b".repeat(64);
    private static final byte[] SECRET = "the secret must never be served".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path data;
    static TestRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(data);
        // Plant files where naive path concatenation would land, at several depths around the store.
        Files.write(data.resolve("secret"), SECRET);
        Files.write(data.resolve("blobs").resolve("secret"), SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    static Stream<Arguments> escapes() {
        List<String> targets = List.of(
                "/v2/../../etc/blobs/sha256:" + HEX,
                "/v2/../secret",
                "/v2/foo/../../../secret",
                "/v2/foo/blobs/../../../secret",
                "/v2/%2e%2e/%2e%2e/secret/blobs/sha256:" + HEX,
                "/v2/%2E%2E/manifests/latest",
                "/v2/foo/blobs/%2e%2e%2f%2e%2e%2fsecret",
                "/v2/foo/blobs/..%2F..%2Fsecret",
                "/v2/foo%2F..%2F..%2Fsecret/blobs/sha256:" + HEX,
                "/v2/foo%2fbar/manifests/latest",
                "/v2/foo/blobs/uploads/..%2F..%2Fsecret",
                "/v2/foo/blobs/uploads/%2e%2e",
                "/v2/foo/blobs/uploads/..",
                "/v2/foo/manifests/..%2F..%2Fmetadata.db",
                "/v2/foo/manifests/..",
                "/v2/foo/blobs/sha256:..%2F..%2Fsecret",
                "/v2/foo/blobs/sha256:../../secret",
                "/v2/..%5c..%5csecret/blobs/sha256:" + HEX,
                "/v2/foo\\..\\..\\secret/manifests/latest",
                "/v2/foo%00/manifests/latest",
                "/v2/foo/manifests/latest%00",
                "/v2/foo/tags/list/..%2f..%2f..",
                "/v2/%252e%252e/secret/blobs/sha256:" + HEX,
                "/v2/foo/referrers/..%2f..%2fsecret");
        return targets.stream().flatMap(target -> Stream.of("GET", "PUT", "PATCH", "DELETE", "POST")
                .map(method -> Arguments.of(method, target)));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void escapesAreRefusedWithAnOciErrorAndNothingOutsideTheStoreIsTouched(String method, String target)
            throws Exception {
        Response response = RawHttp.send(registry.port(), method, target);

        assertThat(response.status()).as(response.describe()).isBetween(400, 499);
        firstErrorCode(response);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("secret must never");
        assertThat(Files.readAllBytes(data.resolve("secret"))).isEqualTo(SECRET);
        assertThat(Files.readAllBytes(data.resolve("blobs").resolve("secret"))).isEqualTo(SECRET);
    }
}
