package io.stowage.oci;

import io.stowage.oci.error.DigestInvalidException;
import io.stowage.oci.error.NameInvalidException;
import io.stowage.oci.error.RegistryException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class ReferenceProperties {

    private static final String WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    @Property(tries = 2000)
    void aReferenceIsATagADigestOrRejected(@ForAll("referenceLikeStrings") String candidate) {
        boolean tag = GrammarOracle.isTag(candidate);
        boolean digest = GrammarOracle.isRegisteredDigest(candidate);
        Statistics.label("kind").collect(tag ? "tag" : digest ? "digest" : "invalid");
        Statistics.label("kind").coverage(c -> {
            c.check("tag").percentage(p -> p > 5);
            c.check("digest").percentage(p -> p > 5);
            c.check("invalid").percentage(p -> p > 5);
        });

        Throwable thrown = catchThrowable(() -> {
            Reference parsed = Reference.parse(candidate);
            assertThat(parsed.toString()).isEqualTo(candidate);
            assertThat(Reference.parse(parsed.toString())).isEqualTo(parsed);
            if (tag) {
                assertThat(parsed).isEqualTo(Tag.parse(candidate));
            }
            if (digest) {
                assertThat(parsed).isEqualTo(Digest.parse(candidate));
            }
        });

        if (tag || digest) {
            assertThat(thrown).isNull();
        } else if (candidate.contains(":")) {
            // Only digests contain ':', so a bad one is a bad digest, not a bad tag.
            assertThat(thrown).isInstanceOf(DigestInvalidException.class);
        } else {
            assertThat(thrown).isInstanceOf(NameInvalidException.class);
        }
    }

    @Property(tries = 500)
    void tagsAndDigestsAreNeverConfused(@ForAll("referenceLikeStrings") String candidate) {
        Throwable thrown = catchThrowable(() -> {
            Reference parsed = Reference.parse(candidate);
            switch (parsed) {
                case Tag t -> assertThat(t.value()).doesNotContain(":");
                case Digest d -> assertThat(candidate).contains(":");
            }
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(RegistryException.class);
        }
    }

    @Example
    void nullIsRejected() {
        assertThatThrownBy(() -> Reference.parse(null)).isInstanceOf(NameInvalidException.class);
    }

    @Provide
    Arbitrary<String> referenceLikeStrings() {
        Arbitrary<String> tags = Combinators.combine(Arbitraries.strings().withChars(WORD).ofLength(1),
                Arbitraries.strings().withChars(WORD + ".-").ofMaxLength(130)).as(String::concat);
        Arbitrary<String> digests = Arbitraries.of(DigestAlgorithm.class).flatMap(a -> Arbitraries.strings()
                .withChars("0123456789abcdef").ofLength(a.encodedLength()).map(hex -> a.id() + ":" + hex));
        Arbitrary<String> nearDigests = Combinators.combine(Arbitraries.of("sha256", "sha512", "SHA256", "md5", ""),
                        Arbitraries.strings().withChars("0123456789abcdefABC:").ofMinLength(60).ofMaxLength(130))
                .as((a, e) -> a + ":" + e);
        return Arbitraries.frequencyOf(
                Tuple.of(3, tags),
                Tuple.of(3, digests),
                Tuple.of(2, nearDigests),
                Tuple.of(2, Arbitraries.strings().withChars("aZ9_.-:/ @").ofMaxLength(10)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
    }
}
