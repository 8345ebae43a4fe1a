package io.stowage.service.access;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@link RepositoryGlob} against the obvious reference: a regular expression where {@code **} is {@code .*},
 * {@code *} is {@code [^/]*}, {@code ?} is {@code [^/]} and everything else is quoted. Patterns and names come from a
 * small alphabet so that matches are frequent and the wildcards meet slashes often.
 */
class RepositoryGlobProperties {

    @Property(tries = 3000)
    void matchesLikeTheRegexTranslation(@ForAll("globs") String glob, @ForAll("names") String name) {
        assertThat(RepositoryGlob.parse(glob).matches(name)).as("%s ~ %s", glob, name)
                .isEqualTo(reference(glob).matcher(name).matches());
    }

    @Property(tries = 1000)
    void aGlobMatchesItsOwnLiteralText(@ForAll("names") String name) {
        if (name.isEmpty()) {
            return;
        }
        assertThat(RepositoryGlob.parse(name).matches(name)).isTrue();
        assertThat(RepositoryGlob.parse(name).isLiteral()).isTrue();
    }

    @Property(tries = 1000)
    void aSingleStarNeverCrossesASlashAndADoubleStarDoes(@ForAll("segments") String a, @ForAll("segments") String b,
                                                         @ForAll("segments") String c) {
        String below = a + "/" + b + "/" + c;
        assertThat(RepositoryGlob.parse(a + "/*").matches(a + "/" + b)).isTrue();
        assertThat(RepositoryGlob.parse(a + "/*").matches(below)).isFalse();
        assertThat(RepositoryGlob.parse(a + "/**").matches(below)).isTrue();
        assertThat(RepositoryGlob.parse(a + "/**").matches(a + "/" + b)).isTrue();
        assertThat(RepositoryGlob.parse("*").matches(a + "/" + b)).isFalse();
        assertThat(RepositoryGlob.parse("**").matches(below)).isTrue();
        assertThat(RepositoryGlob.parse("?").matches("/")).isFalse();
        // team-a/** covers what lies below team-a/, never a sibling that merely starts alike
        assertThat(RepositoryGlob.parse(a + "/**").matches(a + "x/" + b)).isFalse();
    }

    @Example
    void documentedExamples() {
        RepositoryGlob below = RepositoryGlob.parse("team-a/**");
        assertThat(below.matches("team-a/app")).isTrue();
        assertThat(below.matches("team-a/x/y/z")).isTrue();
        assertThat(below.matches("team-ab/app")).isFalse();
        assertThat(below.matches("team-a")).isFalse();
        RepositoryGlob prod = RepositoryGlob.parse("team-a/*-prod");
        assertThat(prod.matches("team-a/web-prod")).isTrue();
        assertThat(prod.matches("team-a/-prod")).isTrue();
        assertThat(prod.matches("team-a/x/web-prod")).isFalse();
        assertThat(prod.matches("team-a/web-prod2")).isFalse();
        assertThat(RepositoryGlob.parse("a?c").matches("abc")).isTrue();
        assertThat(RepositoryGlob.parse("a?c").matches("a/c")).isFalse();
        assertThat(RepositoryGlob.parse("***").matches("a/b")).isTrue();
    }

    @Property(tries = 50)
    void longAdversarialPatternsTerminateQuickly(@ForAll("adversarial") String glob) {
        String name = "a".repeat(255);
        String slashed = "a/".repeat(127) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            RepositoryGlob parsed = RepositoryGlob.parse(glob);
            // No comparison with the regex here: a backtracking engine is exactly what would not terminate.
            parsed.matches(name);
            parsed.matches(slashed);
            parsed.matches(name + name + name + name);
        });
    }

    @Example
    void theClassicBacktrackingPatternsTerminate() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(RepositoryGlob.parse("*a".repeat(128)).matches("a".repeat(4000) + "b")).isFalse();
            assertThat(RepositoryGlob.parse("**a".repeat(85)).matches("a".repeat(4000) + "b")).isFalse();
            assertThat(RepositoryGlob.parse("*?".repeat(128)).matches("a".repeat(4000))).isTrue();
            assertThat(RepositoryGlob.parse("*/".repeat(128)).matches("a/".repeat(2000))).isFalse();
        });
    }

    @Property(tries = 500)
    void parseRefusesOnlyWithIllegalArgumentException(@ForAll String text) {
        try {
            RepositoryGlob glob = RepositoryGlob.parse(text);
            assertThat(glob.text()).isEqualTo(text);
            assertThat(text).isNotEmpty().hasSizeLessThanOrEqualTo(RepositoryGlob.MAX_LENGTH);
        } catch (IllegalArgumentException expected) {
            assertThat(text.isEmpty() || text.length() > RepositoryGlob.MAX_LENGTH
                    || text.chars().anyMatch(Character::isISOControl)).isTrue();
        }
    }

    @Example
    void emptyOverlongAndControlCharactersAreRefused() {
        assertThatThrownBy(() -> RepositoryGlob.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RepositoryGlob.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RepositoryGlob.parse("a".repeat(257))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RepositoryGlob.parse("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RepositoryGlob.parse("a".repeat(256)).matches("a".repeat(256))).isTrue();
    }

    static Pattern reference(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                int stars = 0;
                while (i < glob.length() && glob.charAt(i) == '*') {
                    stars++;
                    i++;
                }
                regex.append(stars >= 2 ? ".*" : "[^/]*");
                continue;
            }
            regex.append(c == '?' ? "[^/]" : Pattern.quote(String.valueOf(c)));
            i++;
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars('a', 'b', '/', '*', '?', '-', '.').ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars('a', 'b', '/', '-', '.').ofMinLength(0).ofMaxLength(14);
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.strings().withChars('a', 'b', 'c', '-').ofMinLength(1).ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> adversarial() {
        return Arbitraries.strings().withChars('a', '*', '?', '/').ofMinLength(200)
                .ofMaxLength(RepositoryGlob.MAX_LENGTH);
    }
}
