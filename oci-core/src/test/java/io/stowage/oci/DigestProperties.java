package io.stowage.oci;

import io.stowage.oci.error.DigestInvalidException;
import io.stowage.oci.error.OciErrorCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class DigestProperties {

    private static final String LOWER_HEX = "0123456789abcdef";

    @Property(tries = 1000)
    void validDigestsRoundTripThroughToStringAndParse(@ForAll("validDigests") String text) {
        Digest digest = Digest.parse(text);

        assertThat(digest.toString()).isEqualTo(text);
        assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
        assertThat(digest.algorithm().id() + ":" + digest.encoded()).isEqualTo(text);
        assertThat(digest.encoded()).hasSize(digest.algorithm().encodedLength());
        assertThat(Digest.isValid(text)).isTrue();
    }

    @Property(tries = 300)
    void digestOfContentMatchesTheJdkAndParses(@ForAll DigestAlgorithm algorithm, @ForAll byte[] content)
            throws Exception {
        String jca = algorithm == DigestAlgorithm.SHA256 ? "SHA-256" : "SHA-512";
        String expected = algorithm.id() + ":" + HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(content));

        Digest digest = Digest.of(algorithm, content);

        assertThat(digest.toString()).isEqualTo(expected);
        assertThat(Digest.parse(expected)).isEqualTo(digest);
    }

    @Property(tries = 2000)
    void arbitraryStringsEitherParseExactlyOrFailWithDigestInvalid(@ForAll("digestLikeStrings") String text) {
        boolean expectedValid = GrammarOracle.isRegisteredDigest(text);
        Statistics.label("valid").collect(expectedValid);
        Statistics.label("valid").coverage(c -> c.check(true).percentage(p -> p > 10));

        Throwable thrown = catchThrowable(() -> assertThat(Digest.parse(text).toString()).isEqualTo(text));

        if (expectedValid) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(DigestInvalidException.class);
            assertThat(((DigestInvalidException) thrown).code()).isEqualTo(OciErrorCode.DIGEST_INVALID);
        }
        assertThat(Digest.isValid(text)).isEqualTo(expectedValid);
    }

    @Property(tries = 1000)
    void upperCaseHexIsRejected(@ForAll("validDigests") String text, @ForAll("hexLetterPositions") int position,
                                @ForAll("upperHexLetters") char letter) {
        int colon = text.indexOf(':');
        int at = colon + 1 + position;
        String mixedCase = text.substring(0, at) + letter + text.substring(at + 1);

        assertThatThrownBy(() -> Digest.parse(mixedCase)).isInstanceOf(DigestInvalidException.class);
    }

    @Property(tries = 1000)
    void wrongLengthIsRejected(@ForAll DigestAlgorithm algorithm, @ForAll("lowerHex") String encoded) {
        Assume.that(encoded.length() != algorithm.encodedLength());

        assertThatThrownBy(() -> Digest.parse(algorithm.id() + ":" + encoded))
                .isInstanceOf(DigestInvalidException.class);
        assertThatThrownBy(() -> new Digest(algorithm, encoded)).isInstanceOf(DigestInvalidException.class);
    }

    @Property(tries = 1000)
    void unknownAlgorithmsAreRejected(@ForAll("algorithmIds") String algorithm, @ForAll("validDigests") String valid) {
        Assume.that(!algorithm.equals("sha256") && !algorithm.equals("sha512"));
        String encoded = valid.substring(valid.indexOf(':') + 1);

        assertThatThrownBy(() -> Digest.parse(algorithm + ":" + encoded)).isInstanceOf(DigestInvalidException.class);
    }

    @Property(tries = 1000)
    void aMissingColonIsRejected(@ForAll("validDigests") String valid,
                                 @ForAll("nonColonSeparators") String separator) {
        String withoutColon = valid.replace(":", separator);

        assertThatThrownBy(() -> Digest.parse(withoutColon)).isInstanceOf(DigestInvalidException.class);
    }

    @Property(tries = 500)
    void orderingAgreesWithEquality(@ForAll("validDigests") String a, @ForAll("validDigests") String b) {
        Digest x = Digest.parse(a);
        Digest y = Digest.parse(b);

        assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(-Integer.signum(y.compareTo(x)));
    }

    @Example
    void knownDigestOfTheEmptyString() {
        assertThat(Digest.of(DigestAlgorithm.SHA256, new byte[0]).toString())
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Example
    void edgeCasesAreRejected() {
        String hex64 = "a".repeat(64);
        for (String bad : new String[]{null, "", ":", "sha256", "sha256:", ":" + hex64, "sha256::" + hex64,
                "sha256:" + hex64 + ":", " sha256:" + hex64, "sha256:" + hex64 + " ", "sha256:" + hex64 + "\n",
                "SHA256:" + hex64, "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", "sha384:" + "a".repeat(96),
                "sha512:" + hex64, "sha256:" + "a".repeat(128), "sha256:" + "\uff41".repeat(64)}) {
            assertThatThrownBy(() -> Digest.parse(bad)).as(String.valueOf(bad)).isInstanceOf(DigestInvalidException.class);
        }
        assertThatThrownBy(() -> new Digest(null, hex64)).isInstanceOf(DigestInvalidException.class);
        assertThatThrownBy(() -> new Digest(DigestAlgorithm.SHA256, null)).isInstanceOf(DigestInvalidException.class);
    }

    @Provide
    Arbitrary<String> validDigests() {
        return Arbitraries.of(DigestAlgorithm.class).flatMap(a -> Arbitraries.strings().withChars(LOWER_HEX)
                .ofLength(a.encodedLength()).map(hex -> a.id() + ":" + hex));
    }

    /** Mostly near-misses of the digest grammar, so that both outcomes are exercised. */
    @Provide
    Arbitrary<String> digestLikeStrings() {
        Arbitrary<String> algorithm = Arbitraries.oneOf(Arbitraries.of("sha256", "sha512"), algorithmIds());
        Arbitrary<String> separator = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(":")), Tuple.of(1, nonColonSeparators()));
        Arbitrary<String> encoded = Arbitraries.oneOf(
                Arbitraries.of(64, 128).flatMap(n -> Arbitraries.strings().withChars(LOWER_HEX).ofLength(n)),
                Arbitraries.of(63, 64, 65, 127, 128, 129).flatMap(n ->
                        Arbitraries.strings().withChars(LOWER_HEX + "ABCDEFg:-_ ").ofLength(n)),
                Arbitraries.strings().ofMaxLength(300));
        Arbitrary<String> structured = Combinators.combine(algorithm, separator, encoded).as((a, s, e) -> a + s + e);
        return Arbitraries.frequencyOf(Tuple.of(1, validDigests()), Tuple.of(4, structured),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(300)));
    }

    @Provide
    Arbitrary<String> algorithmIds() {
        return Arbitraries.oneOf(
                Arbitraries.of("SHA256", "Sha256", "sha384", "sha1", "md5", "blake3", "sha256+b64u", "sha-256", "sha25",
                        "sha2566", "sha512 ", " sha256"),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789+._-").ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> nonColonSeparators() {
        return Arbitraries.of("", "-", "_", ";", "=", " ", "/", "\uff1a");
    }

    @Provide
    Arbitrary<String> lowerHex() {
        return Arbitraries.strings().withChars(LOWER_HEX).ofMaxLength(200);
    }

    @Provide
    Arbitrary<Integer> hexLetterPositions() {
        return Arbitraries.integers().between(0, 63);
    }

    @Provide
    Arbitrary<Character> upperHexLetters() {
        return Arbitraries.chars().range('A', 'F');
    }
}
