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

class RepositoryNameProperties {

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Property(tries = 1000)
    void namesFromTheGrammarAreAcceptedAndRoundTrip(@ForAll("grammarNames") String name) {
        RepositoryName parsed = RepositoryName.parse(name);

        assertThat(parsed.value()).isEqualTo(name);
        assertThat(parsed.toString()).isEqualTo(name);
        assertThat(RepositoryName.parse(parsed.toString())).isEqualTo(parsed);
        assertThat(RepositoryName.isValid(name)).isTrue();
    }

    @Property(tries = 2000)
    void arbitraryStringsAreAcceptedExactlyWhenTheOracleAccepts(@ForAll("nameLikeStrings") String candidate) {
        boolean expectedValid = GrammarOracle.isRepositoryName(candidate);
        Statistics.label("valid").collect(expectedValid);
        Statistics.label("valid").coverage(c -> {
            c.check(true).percentage(p -> p > 5);
            c.check(false).percentage(p -> p > 5);
        });

        Throwable thrown = catchThrowable(() -> RepositoryName.parse(candidate));

        if (expectedValid) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(NameInvalidException.class);
            assertThat(((NameInvalidException) thrown).code()).isEqualTo(OciErrorCode.NAME_INVALID);
        }
        assertThat(RepositoryName.isValid(candidate)).isEqualTo(expectedValid);
    }

    @Property(tries = 1000)
    void acceptedNamesAreSafeRelativePaths(@ForAll("nameLikeStrings") String candidate) {
        if (!RepositoryName.isValid(candidate)) {
            return;
        }
        assertThat(candidate).doesNotContain("..").doesNotContain("//").doesNotStartWith("/").doesNotEndWith("/")
                .doesNotContain("\\").isNotEqualTo(".");
        for (String component : candidate.split("/", -1)) {
            assertThat(component).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
        }
    }

    @Property(tries = 500)
    void namesOverTheLengthLimitAreRejected(@ForAll("longGrammarNames") String name) {
        assertThat(name.length()).isGreaterThan(RepositoryName.MAX_LENGTH);

        assertThatThrownBy(() -> RepositoryName.parse(name)).isInstanceOf(NameInvalidException.class);
        assertThat(RepositoryName.isValid(name)).isFalse();
    }

    @Property(tries = 500)
    void nestedPathsAreAccepted(@ForAll("nestedNames") String name) {
        assertThat(name).contains("/");

        assertThat(RepositoryName.parse(name).value()).isEqualTo(name);
    }

    @Property(tries = 500)
    void orderingAgreesWithEquality(@ForAll("grammarNames") String a, @ForAll("grammarNames") String b) {
        RepositoryName x = RepositoryName.parse(a);
        RepositoryName y = RepositoryName.parse(b);

        assertThat(x.compareTo(y) == 0).isEqualTo(x.equals(y));
    }

    @Example
    void lengthBoundary() {
        assertThat(RepositoryName.isValid("a".repeat(255))).isTrue();
        assertThat(RepositoryName.isValid("a/".repeat(127) + "a")).isTrue();
        assertThatThrownBy(() -> RepositoryName.parse("a".repeat(256))).isInstanceOf(NameInvalidException.class);
    }

    @Example
    void pathTraversalAndOtherShapesAreRejected() {
        for (String bad : List.of("", "/", "/a", "a/", "a//b", "..", "a/..", "../a", "a/../b", ".", "./a", "a/./b",
                "a..b", "a.-b", "a___b", "a_-b", "-a", "a-", "_a", "a_", ".a", "a.", "A", "aB", "a b", "a\\b",
                "a%2fb", "a:b", "a@b", "a\nb", "a\n", "\u00e9", "a/B/c", "a\u0000b")) {
            assertThatThrownBy(() -> RepositoryName.parse(bad)).as(bad).isInstanceOf(NameInvalidException.class);
        }
        assertThatThrownBy(() -> RepositoryName.parse(null)).isInstanceOf(NameInvalidException.class);
    }

    @Example
    void separatorsOfTheGrammarAreAccepted() {
        for (String good : List.of("a", "0", "a.b", "a_b", "a__b", "a-b", "a---b", "a/b", "a/b/c/d/e/f/g",
                "library/ubuntu", "my-org/my.team/app__v2", "1/2/3")) {
            assertThat(RepositoryName.parse(good).value()).isEqualTo(good);
        }
    }

    @Provide
    Arbitrary<String> grammarNames() {
        return components().list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("/", parts))
                .filter(n -> n.length() <= RepositoryName.MAX_LENGTH);
    }

    @Provide
    Arbitrary<String> nestedNames() {
        return components().list().ofMinSize(2).ofMaxSize(12).map(parts -> String.join("/", parts))
                .filter(n -> n.length() <= RepositoryName.MAX_LENGTH);
    }

    @Provide
    Arbitrary<String> longGrammarNames() {
        Arbitrary<String> single = Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(256).ofMaxLength(600);
        Arbitrary<String> nested = components().list().ofMinSize(20).ofMaxSize(60).map(parts -> String.join("/", parts))
                .filter(n -> n.length() > RepositoryName.MAX_LENGTH);
        return Arbitraries.oneOf(single, nested);
    }

    /** Valid names, their mutations, and strings over the name alphabet plus a few outsiders. */
    @Provide
    Arbitrary<String> nameLikeStrings() {
        Arbitrary<String> overAlphabet = Arbitraries.strings().withChars("ab09._-/_-.Z :").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> mutated = Combinators.combine(grammarNames(), Arbitraries.integers().between(0, 1000),
                Arbitraries.of("", ".", "..", "_", "__", "___", "-", "/", "//", "A", " ", "\\", "%", "\u00e9", "\n"),
                Arbitraries.integers().between(0, 2)).as(RepositoryNameProperties::mutate);
        return Arbitraries.frequencyOf(
                Tuple.of(3, grammarNames()),
                Tuple.of(4, mutated),
                Tuple.of(3, overAlphabet),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, longGrammarNames()));
    }

    private Arbitrary<String> components() {
        Arbitrary<String> run = Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> separator = Arbitraries.oneOf(Arbitraries.of(".", "_", "__"),
                Arbitraries.strings().withChars('-').ofMinLength(1).ofMaxLength(4));
        Arbitrary<String> joined = Combinators.combine(separator, run).as(String::concat);
        return Combinators.combine(run, joined.list().ofMaxSize(4)).as((first, rest) -> first + String.join("", rest));
    }

    /** Inserts, replaces, or deletes at a position so the result is usually a near-miss of the grammar. */
    private static String mutate(String name, int position, String piece, int kind) {
        int at = position % (name.length() + 1);
        return switch (kind) {
            case 0 -> name.substring(0, at) + piece + name.substring(at);
            case 1 -> at == name.length() ? name + piece : name.substring(0, at) + piece + name.substring(at + 1);
            default -> at == name.length() ? name : name.substring(0, at) + name.substring(at + 1);
        };
    }
}
