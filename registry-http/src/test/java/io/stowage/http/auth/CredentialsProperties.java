package io.stowage.http.auth;

import io.stowage.oci.error.UnauthorizedException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Credentials#parse}: whatever a client puts in {@code Authorization}, the answer is a value or an
 * {@link UnauthorizedException} (a 401), never another exception (a 500).
 */
class CredentialsProperties {

    @Property(tries = 3000)
    void anyHeaderIsCredentialsOrUnauthorized(@ForAll("headers") String header) {
        try {
            Credentials credentials = Credentials.parse(header);
            assertThat(credentials).isNotNull();
            if (credentials instanceof Credentials.Basic basic) {
                assertThat(basic.username()).isNotEmpty().doesNotContain(":");
            }
        } catch (UnauthorizedException expected) {
            // refused with a 401: fine
        }
    }

    @Property(tries = 1000)
    void basicRoundTrips(@ForAll("usernames") String username, @ForAll("passwords") String password,
                         @ForAll("schemes") String scheme) {
        String encoded = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));

        Credentials parsed = Credentials.parse(scheme + " " + encoded);

        assertThat(parsed).isInstanceOf(Credentials.Basic.class);
        Credentials.Basic basic = (Credentials.Basic) parsed;
        assertThat(basic.username()).isEqualTo(username);
        assertThat(new String(basic.password())).isEqualTo(password);
        assertThat(basic.toString()).doesNotContain(encoded);
    }

    @Property(tries = 500)
    void bearerTokensOfTheJwtAlphabetAreKeptAsSent(@ForAll("tokens") String token) {
        Credentials parsed = Credentials.parse("Bearer " + token);
        assertThat(parsed).isEqualTo(new Credentials.Bearer(token));
        assertThat(parsed.toString()).isEqualTo("Bearer[(hidden)]");
    }

    @Example
    void examples() {
        assertThat(Credentials.parse(null)).isEqualTo(Credentials.NONE);
        assertThat(Credentials.parse("  bEaReR   abc.def.ghi  ")).isEqualTo(new Credentials.Bearer("abc.def.ghi"));
        for (String bad : List.of("", " ", "Basic", "Basic ", "Bearer", "Bearer  ", "Basic !!!!", "Basic Og==",
                "Basic " + b64("nocolon"), "Basic " + b64(":password"), "Basic " + b64bytes(new byte[]{(byte) 0xff, ':', 'x'}),
                "Digest abc", "Bearer a b", "Bearer a\"b", "Bearer é", "Bearer " + "a".repeat(20 * 1024),
                "Basic " + "A".repeat(17 * 1024))) {
            assertThatThrownBy(() -> Credentials.parse(bad)).as(bad).isInstanceOf(UnauthorizedException.class);
        }
        Credentials.Basic basic = (Credentials.Basic) Credentials.parse("Basic " + b64("user:pa:ss:"));
        assertThat(basic.username()).isEqualTo("user");
        assertThat(basic.password()).containsExactly('p', 'a', ':', 's', 's', ':');
        assertThat(((Credentials.Basic) Credentials.parse("Basic " + b64("u:"))).password()).isEmpty();
    }

    private static String b64(String text) {
        return b64bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64bytes(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> base64ish = Arbitraries.strings().withChars("ABCxyz019+/=:- .\u00e9").ofMaxLength(40);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        return Arbitraries.oneOf(any,
                Arbitraries.of("Basic ", "basic ", "Bearer ", "BEARER ", "Basic  ", " Bearer ", "Basic\t", "Negotiate ")
                        .flatMap(s -> Arbitraries.oneOf(any, base64ish,
                                bytes.map(b -> Base64.getEncoder().encodeToString(b))).map(rest -> s + rest)),
                Arbitraries.strings().ofMinLength(16 * 1024 - 10).ofMaxLength(16 * 1024 + 10).map(s -> "Bearer " + s));
    }

    @Provide
    Arbitrary<String> usernames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars('$', '.', '_', '-', '@', ' ', '\u00fc', '\u4e2d')
                        .ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30))
                .filter(s -> s.indexOf(':') < 0 && encodable(s));
    }

    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60).filter(CredentialsProperties::encodable),
                Arbitraries.of(":", "\u00e9", "\u20ac", "\ud83d\ude00", " ", "a", "\u0000").list().ofMaxSize(20)
                        .map(l -> String.join("", l)));
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("Basic", "basic", "BASIC", "bAsIc");
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('-', '_', '.').ofMinLength(1).ofMaxLength(300);
    }

    /** Whether the text has a UTF-8 form, which a client must produce (no unpaired surrogates). */
    private static boolean encodable(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }
}
