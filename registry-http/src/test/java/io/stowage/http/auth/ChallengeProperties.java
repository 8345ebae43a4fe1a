package io.stowage.http.auth;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Challenge#safeHost}: a Host header is copied into a quoted {@code WWW-Authenticate} value only if it
 * cannot break out of the quotes or inject another parameter or header.
 */
class ChallengeProperties {

    private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]";

    @Property(tries = 3000)
    void aSafeHostHasOnlyHostCharacters(@ForAll("hosts") String host) {
        boolean safe = Challenge.safeHost(host);
        boolean expected = !host.isEmpty() && host.length() <= 255
                && host.chars().allMatch(c -> ALLOWED.indexOf(c) >= 0);
        assertThat(safe).as(host).isEqualTo(expected);
        if (safe) {
            assertThat(host).doesNotContain("\"", "\\", ",", " ", "\r", "\n", "/", "@");
        }
    }

    @Property(tries = 500)
    void realHostsAreSafe(@ForAll("realHosts") String host) {
        assertThat(Challenge.safeHost(host)).as(host).isTrue();
    }

    @Example
    void injectionsAreRefused() {
        for (String bad : List.of("", "evil.com\"", "a\",scope=\"x", "a\r\nSet-Cookie: x", "a b", "user@host",
                "host/path", "h\u00e9st", "a".repeat(256), "host;x", "host%22")) {
            assertThat(Challenge.safeHost(bad)).as(bad).isFalse();
        }
        assertThat(Challenge.safeHost("a".repeat(255))).isTrue();
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars(ALLOWED + "\"\\, /@\r\n\u00e9").ofMaxLength(30),
                Arbitraries.strings().withChars(ALLOWED).ofMinLength(250).ofMaxLength(260));
    }

    @Provide
    Arbitrary<String> realHosts() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> String.join(".", l.stream().map(String::valueOf).toList()));
        Arbitrary<String> ipv6 = Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').withChars(':')
                .ofMinLength(2).ofMaxLength(39).map(s -> "[" + s + "]");
        Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(p -> ":" + p).injectNull(0.5)
                .map(p -> p == null ? "" : p);
        return Arbitraries.oneOf(name, ipv4, ipv6).flatMap(h -> port.map(p -> h + p));
    }
}
