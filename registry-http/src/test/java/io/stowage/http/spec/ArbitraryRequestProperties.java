package io.stowage.http.spec;

import io.stowage.http.TestRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.stowage.http.spec.OciAssertions.firstErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever path and method a client sends, the registry never fails with a 5xx, and a 4xx always carries the spec's
 * JSON error body. Paths mix the API's own segments (so requests reach deep into the handlers) with arbitrary
 * visible ASCII and percent-escapes (so they also hit Jetty's URI checks). Sent over a raw socket, exactly as
 * generated.
 */
class ArbitraryRequestProperties {

    private static final String DIGEST = "sha256:" + "d".repeat(64);
    private static final String UPLOAD_ID = "3f1c0a2e-8b7d-4c4e-9a51-0d6f2b9e7c11";

    private static TestRegistry registry;

    @BeforeContainer
    static void start() throws Exception {
        registry = TestRegistry.startInTemporaryDirectory();
    }

    @AfterContainer
    static void stop() throws Exception {
        registry.closeAndDelete();
    }

    @Property(tries = 200)
    void noRequestEverGetsA5xxAndEvery4xxHasAnErrorBody(@ForAll("methods") String method,
                                                         @ForAll("paths") String path) {
        Response response = RawHttp.send(registry.port(), method, path);

        assertThat(response.status()).as(method + " " + path + " -> " + response.describe()).isBetween(200, 499);
        assertThat(response.header("X-Request-Id")).as(method + " " + path).isNotBlank();
        if (response.status() >= 400) {
            if (method.equals("HEAD")) {
                assertThat(response.mediaType()).as(method + " " + path).isEqualTo("application/json");
            } else {
                firstErrorCode(response);
            }
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(
                Arbitraries.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("v2", "blobs", "uploads", "manifests", "tags", "list",
                        "referrers", "_catalog", "library", "ubuntu", "latest", DIGEST, UPLOAD_ID, "sha256:abc",
                        "..", ".", "", "%2e%2e", "%2F", "%00", "%25", "%C3%A9", "%ff", "A", "-a", "a..b")),
                Tuple.of(3, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(12)
                        .map(ArbitraryRequestProperties::withoutFragment)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(6).map(ArbitraryRequestProperties::escape)));
        Arbitrary<List<String>> segments = segment.list().ofMaxSize(8);
        Arbitrary<String> query = Arbitraries.of("", "?n=2", "?n=abc", "?last=x", "?digest=" + DIGEST, "?mount=x",
                "?mount=" + DIGEST + "&from=other", "?artifactType=a%2Fb", "?%zz", "?tag=a&tag=B!", "?n=-1");
        return Combinators.combine(Arbitraries.of("/v2/", "/v2", "/", "/v2//"), segments, query)
                .as((prefix, parts, q) -> prefix + String.join("/", parts) + q);
    }

    /** A {@code #} starts a fragment, which a client never sends; keep the target a target. */
    private static String withoutFragment(String s) {
        return s.replace('#', '~');
    }

    /** Any string, percent-encoded as UTF-8 (unpaired surrogates come out as '?'). */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }
}
