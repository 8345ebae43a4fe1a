package io.stowage.security;

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

class UsernamesProperties {

    private static final String FIRST = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String REST = FIRST + "._-";

    @Property(tries = 1000)
    void namesFromTheGrammarAreValid(@ForAll("validNames") String name) {
        assertThat(Usernames.isValid(name)).isTrue();
        assertThat(Usernames.requireValid(name)).isSameAs(name);
    }

    @Property(tries = 3000)
    void arbitraryStringsAreValidExactlyWhenTheOracleSays(@ForAll("nameLikeStrings") String candidate) {
        boolean expected = oracle(candidate);
        Statistics.label("valid").collect(expected);
        Statistics.label("valid").coverage(c -> {
            c.check(true).percentage(p -> p > 10);
            c.check(false).percentage(p -> p > 10);
        });

        assertThat(Usernames.isValid(candidate)).isEqualTo(expected);
        Throwable thrown = catchThrowable(() -> Usernames.requireValid(candidate));
        if (expected) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            // The value may be a password typed into the wrong field: never repeat it.
            if (candidate.length() >= 4) {
                assertThat(thrown.getMessage()).doesNotContain(candidate);
            }
        }
    }

    @Example
    void edges() {
        assertThat(Usernames.isValid("a".repeat(64))).isTrue();
        assertThat(Usernames.isValid("0")).isTrue();
        assertThat(Usernames.isValid("robot.ci-build_2")).isTrue();
        for (String bad : List.of("", "a".repeat(65), "Admin", "-a", ".a", "_a", "a b", "a:b", "a/b", "a@b", "é",
                "a\n", "\u0130", "a\u0000")) {
            assertThat(Usernames.isValid(bad)).as(bad).isFalse();
        }
        assertThat(Usernames.isValid(null)).isFalse();
        assertThatThrownBy(() -> Usernames.requireValid(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The grammar written out by hand, independent of the regex. */
    private static boolean oracle(String s) {
        if (s == null || s.isEmpty() || s.length() > 64 || FIRST.indexOf(s.charAt(0)) < 0) {
            return false;
        }
        return s.chars().allMatch(c -> REST.indexOf(c) >= 0);
    }

    @Provide
    Arbitrary<String> validNames() {
        return Combinators.combine(Arbitraries.strings().withChars(FIRST).ofLength(1),
                Arbitraries.strings().withChars(REST).ofMaxLength(63)).as(String::concat);
    }

    @Provide
    Arbitrary<String> nameLikeStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, validNames()),
                Tuple.of(3, Arbitraries.strings().withChars(REST + "A:/ @\u00e9\n").ofMaxLength(70)),
                Tuple.of(1, Arbitraries.strings().withChars(REST).ofMinLength(60).ofMaxLength(70)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(80)));
    }
}
