package io.stowage.oci;

import io.stowage.oci.error.NameInvalidException;
import io.stowage.oci.error.OciErrorCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class TagProperties {

    private static final String WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    @Property(tries = 1000)
    void tagsFromTheGrammarAreAcceptedAndRoundTrip(@ForAll("grammarTags") String tag) {
        Tag parsed = Tag.parse(tag);

        assertThat(parsed.value()).isEqualTo(tag);
        assertThat(parsed.toString()).isEqualTo(tag);
        assertThat(Tag.parse(parsed.toString())).isEqualTo(parsed);
        assertThat(Tag.isValid(tag)).isTrue();
    }

    @Property(tries = 2000)
    void arbitraryStringsAreAcceptedExactlyWhenTheOracleAccepts(@ForAll("tagLikeStrings") String candidate) {
        boolean expectedValid = GrammarOracle.isTag(candidate);
        Statistics.label("valid").collect(expectedValid);
        Statistics.label("valid").coverage(c -> {
            c.check(true).percentage(p -> p > 5);
            c.check(false).percentage(p -> p > 5);
        });

        Throwable thrown = catchThrowable(() -> Tag.parse(candidate));

        if (expectedValid) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(NameInvalidException.class);
            assertThat(((NameInvalidException) thrown).code()).isEqualTo(OciErrorCode.NAME_INVALID);
        }
        assertThat(Tag.isValid(candidate)).isEqualTo(expectedValid);
    }

    @Property(tries = 300)
    void tagsOverTheLengthLimitAreRejected(@ForAll("overlongTags") String tag) {
        assertThatThrownBy(() -> Tag.parse(tag)).isInstanceOf(NameInvalidException.class);
    }

    @Property(tries = 500)
    void rejectionDetailEchoesTheTagAsGiven(@ForAll("tagLikeStrings") String candidate) {
        if (GrammarOracle.isTag(candidate) || candidate == null) {
            return;
        }
        NameInvalidException e = (NameInvalidException) catchThrowable(() -> Tag.parse(candidate));

        String shown = e.detail().endsWith("...") ? e.detail().substring(0, e.detail().length() - 3) : e.detail();
        assertThat(candidate).startsWith(shown);
    }

    @Example
    void boundaries() {
        assertThat(Tag.isValid("a".repeat(128))).isTrue();
        assertThat(Tag.isValid("_" + "-".repeat(127))).isTrue();
        for (String bad : List.of("", "a".repeat(129), ".a", "-a", "a:b", "a/b", "a b", "a\n", "\u00e9", "a+b", "a@b")) {
            assertThatThrownBy(() -> Tag.parse(bad)).as(bad).isInstanceOf(NameInvalidException.class);
        }
        assertThatThrownBy(() -> Tag.parse(null)).isInstanceOf(NameInvalidException.class);
    }

    @Provide
    Arbitrary<String> grammarTags() {
        return Combinators.combine(Arbitraries.strings().withChars(WORD).ofLength(1),
                        Arbitraries.strings().withChars(WORD + ".-").ofMaxLength(127))
                .as(String::concat);
    }

    @Provide
    Arbitrary<String> overlongTags() {
        return Combinators.combine(Arbitraries.strings().withChars(WORD).ofLength(1),
                        Arbitraries.strings().withChars(WORD + ".-").ofMinLength(128).ofMaxLength(400))
                .as(String::concat);
    }

    @Provide
    Arbitrary<String> tagLikeStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, grammarTags()),
                Tuple.of(4, Arbitraries.strings().withChars("aZ9_.-:/ +@\u00e9\n").ofMaxLength(10)),
                Tuple.of(1, Arbitraries.strings().withChars(WORD + ".-").ofMinLength(125).ofMaxLength(131)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(40)));
    }
}
