package io.stowage.http.admin;

import io.stowage.http.TestRegistry;
import io.stowage.service.access.AdminBootstrap;
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
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever an administrator sends to the administration API (any endpoint of the table with arbitrary path values,
 * any method, any body), the answer is never a 5xx, and every error carries the registry's JSON error body. Bodies
 * mix the API's own field names with values of every JSON type, and arbitrary text.
 */
class AdminArbitraryInputProperties {

    private static final String PASSWORD = "property-admin-password";
    private static TestRegistry registry;
    private static Http admin;

    @BeforeContainer
    static void start() throws Exception {
        registry = TestRegistry.startInTemporaryDirectory();
        new AdminBootstrap(registry.metadata(), registry.access().audit(), Clock.systemUTC())
                .ensureAdministrator(Optional.of(PASSWORD));
        admin = Http.basic(registry, AdminBootstrap.ADMIN, PASSWORD).withoutConnectionReuse();
        // Something for the arbitrary paths to find: a namespace and a repository in it, with a blob.
        assertThat(admin.post("/api/v1/namespaces", "{\"name\":\"team-a\"}").status()).isEqualTo(201);
        byte[] blob = "arbitrary".getBytes(StandardCharsets.UTF_8);
        assertThat(admin.send("POST", "/v2/team-a/app/blobs/uploads/?digest=" + AdminRobotsTest.sha256(blob), blob,
                "Content-Type", "application/octet-stream").status()).isEqualTo(201);
    }

    @AfterContainer
    static void stop() throws Exception {
        registry.closeAndDelete();
    }

    @Property(tries = 300)
    void noInputEverGetsA5xx(@ForAll("methods") String method, @ForAll("paths") String path,
                             @ForAll("bodies") String body) {
        Http.Reply reply = admin.send(method, path, body.isEmpty() && !method.equals("POST") ? null : body);
        assertThat(reply.status()).as(method + " " + path + " " + body + " -> " + reply.describe())
                .isBetween(200, 499);
        if (reply.status() >= 400) {
            assertThat(reply.errorCode()).as(reply.describe()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("alice", "team-a", "team-a/app", "user", "robot", "group", "reader",
                        "-", "1", "0", "-1", "99999999999999999999", "a..b", "UPPER", "x%2Fy", "%00", "%C3%A9",
                        "rotate", "import-htpasswd", "run", "robot$ci", "latest", "v1",
                        "sha256:0000000000000000000000000000000000000000000000000000000000000000", "sha256:abc",
                        "sha512:x")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(10).map(AdminArbitraryInputProperties::escape)));
        Arbitrary<String> endpoint = Arbitraries.of(AdminHandler.ENDPOINTS).map(e -> e.path().text());
        Arbitrary<String> query = Arbitraries.of("", "?n=2", "?n=0", "?n=abc", "?last=%ff%fe", "?last=x",
                "?dryRun=true", "?dryRun=x", "?format=jsonl", "?format=x", "?afterId=-3", "?from=x&to=y",
                "?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z", "?identity=%C3%A9&action=a&result=b");
        return Combinators.combine(endpoint, value.list().ofSize(4), query).as((pattern, values, q) -> {
            String path = pattern;
            for (String v : values) {
                path = path.replaceFirst("\\{[a-z]+(\\.\\.\\.)?}", java.util.regex.Matcher.quoteReplacement(v));
            }
            return "/api/v1" + path + q;
        });
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> key = Arbitraries.of("username", "password", "administrator", "disabled", "content",
                "name", "scopes", "expiresAt", "expiresIn", "public", "role", "repositories", "kind", "principal",
                "repositoryGlob", "tagRegex", "bytes", "keepLastTags", "keepPushedWithin", "keepPulledWithin",
                "includeTags", "excludeTags", "untaggedOlderThan", "enabled", "x");
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e999", "12345678901234567890", "\"\"",
                        "\"alice\"", "\"team-a/**\"", "\"repository:team-a/**:pull\"", "\"30d\"", "\"deny\"",
                        "\"12h\"", "\"0ms\"", "\"999999999999d\"", "\"P30D\"",
                        "\"reader\"", "\"user\"", "\"2999-01-01T00:00:00Z\"", "\"long-enough-password\"",
                        "\"v[0-9]+\"", "\"(\"", "\"((a*)*)*b\"", "\"team-a/*\"", "1000", "-1000",
                        "9223372036854775807", "1.5",
                        "\"\\u0000\"", "\"\\ud800\"", "[]", "{}", "[\"repository:a:pull\"]", "[null]", "[1]"),
                Arbitraries.strings().ofMaxLength(20).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                        .replaceAll("\\p{Cntrl}", "") + "\""));
        Arbitrary<String> object = Combinators.combine(key, scalar).as((k, v) -> "\"" + k + "\":" + v)
                .list().ofMaxSize(4).map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(6, object),
                Tuple.of(1, Arbitraries.of("", "{", "[", "null", "\"x\"", "{}{}", "{\"a\":")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(30)));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }

}
