package io.stowage.service.lifecycle;

import io.stowage.metadata.ImmutabilityRule;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.service.access.RepositoryGlob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Rule validation and matching: never crash, refuse exactly what cannot be used, always finish. */
class ImmutabilityRuleProperties {

    private static final String REGEX_PIECES = "ab.*+?|()[]{}^$\\-0123456789,dwsvVX";
    private static final String TAG_CHARACTERS = "abvAB0129._-";

    @Property(tries = 3000)
    void aRegexIsAcceptedExactlyWhenItIsShortStorableAndCompiles(@ForAll("regexLike") String regex) {
        boolean expected = regex.length() <= ImmutabilityRule.MAX_REGEX_LENGTH && !regex.isEmpty()
                && regex.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c))
                && compiles(regex);
        Statistics.label("valid").collect(expected);

        Throwable thrown = catchThrowable(() -> new ImmutabilityRule("team-a", null, regex));

        if (expected) {
            assertThat(thrown).isNull();
        } else {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ImmutabilityRule.isValidTagRegex(regex)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void regexesOverTheLengthLimitAreRefused(@ForAll("overlong") String regex) {
        assertThat(ImmutabilityRule.isValidTagRegex(regex)).isFalse();
    }

    /**
     * Every valid rule matched against every tag finishes within the budget's time, and, when it does not run out of
     * budget, agrees with the plain regex engine.
     */
    @Property(tries = 2000)
    void matchingAlwaysFinishesAndAgreesWithTheEngine(@ForAll("regexLike") String regex, @ForAll("tags") String tag) {
        if (!ImmutabilityRule.isValidTagRegex(regex)) {
            return;
        }
        Pattern pattern = Pattern.compile(regex);
        long started = System.nanoTime();

        TagImmutability.Match.Outcome outcome = TagImmutability.matchesWithinBudget(pattern, tag,
                TagImmutability.STEP_BUDGET);

        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds for %s on %s", regex, tag)
                .isLessThan(1_000);
        Statistics.label("outcome").collect(outcome);
        if (outcome != TagImmutability.Match.Outcome.TOO_COSTLY) {
            assertThat(outcome == TagImmutability.Match.Outcome.MATCHED).isEqualTo(pattern.matcher(tag).matches());
        }
    }

    /** Expressions known to backtrack catastrophically in java.util.regex stop at the budget, quickly. */
    @Property(tries = 50)
    void catastrophicBacktrackingStopsAtTheBudget(@ForAll("catastrophic") String regex,
                                                  @ForAll("longTags") String tag) {
        long started = System.nanoTime();

        TagImmutability.Match.Outcome outcome = TagImmutability.matchesWithinBudget(Pattern.compile(regex), tag,
                TagImmutability.STEP_BUDGET);

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
        assertThat(outcome).isEqualTo(TagImmutability.Match.Outcome.TOO_COSTLY);
    }

    /** A glob the validation refuses matches no repository of the namespace: no rule is refused that could apply. */
    @Property(tries = 3000)
    void aRefusedGlobMatchesNoRepositoryOfTheNamespace(@ForAll("namespaces") String namespace,
                                                      @ForAll("globs") String glob,
                                                      @ForAll("suffixes") List<String> suffixes) {
        boolean canMatch = LifecycleService.globCanMatchIn(namespace, glob);
        Statistics.label("can match").collect(canMatch);
        Throwable thrown = catchThrowable(() -> LifecycleService.validRule(namespace, glob, ".*"));
        assertThat(thrown == null).isEqualTo(canMatch);
        if (!canMatch) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            RepositoryGlob parsed = RepositoryGlob.parse(glob);
            assertThat(parsed.matches(namespace)).isFalse();
            for (String suffix : suffixes) {
                String repository = namespace + "/" + suffix;
                if (RepositoryName.isValid(repository)) {
                    assertThat(parsed.matches(repository)).as(repository).isFalse();
                }
            }
        }
    }

    @Example
    void globsThatCanApplyAreKept() {
        assertThat(LifecycleService.globCanMatchIn("team-a", "team-a/*")).isTrue();
        assertThat(LifecycleService.globCanMatchIn("team-a", "team-a")).isTrue();
        assertThat(LifecycleService.globCanMatchIn("team-a", "team-*")).isTrue();
        assertThat(LifecycleService.globCanMatchIn("team-a", "**")).isTrue();
        assertThat(LifecycleService.globCanMatchIn("team-a", "t?am-a/x")).isTrue();
        assertThat(LifecycleService.globCanMatchIn("team-a", "team-ab/*")).isFalse();
        assertThat(LifecycleService.globCanMatchIn("team-a", "team-a0")).isFalse();
        assertThat(LifecycleService.globCanMatchIn("team-a", "prod")).isFalse();
    }

    @Provide
    Arbitrary<String> regexLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(REGEX_PIECES).ofMinLength(0).ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("v[0-9]+", "v\\d+\\.\\d+\\.\\d+", "release-.*", "(a|b)*", "[a-", "(", "a{2,1}",
                        "\\", "(?<n>a)\\k<n>", "(?i)LATEST", "x".repeat(256), "x".repeat(257)));
    }

    @Provide
    Arbitrary<String> overlong() {
        return Arbitraries.strings().withChars("abc.*").ofMinLength(257).ofMaxLength(600);
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.strings().withChars(TAG_CHARACTERS).ofMinLength(1).ofMaxLength(128)
                .filter(Tag::isValid);
    }

    @Provide
    Arbitrary<String> longTags() {
        return Arbitraries.integers().between(100, 128).map(n -> "a".repeat(n));
    }

    @Provide
    Arbitrary<String> catastrophic() {
        return Arbitraries.integers().between(10, 20).map(n -> "(.*a){" + n + "}b");
    }

    @Provide
    Arbitrary<String> namespaces() {
        return Arbitraries.of("team-a", "team", "t", "team-a/ci", "a/b/c");
    }

    @Provide
    Arbitrary<String> globs() {
        Arbitrary<String> free = Arbitraries.strings().withChars("tea-m/bc*?0").ofMinLength(1).ofMaxLength(14);
        Arbitrary<String> anchored = Combinators.combine(namespaces(), free).as((n, g) -> n + g);
        return Arbitraries.oneOf(free, anchored);
    }

    @Provide
    Arbitrary<List<String>> suffixes() {
        return Arbitraries.strings().withChars("abcm-/0").ofMinLength(1).ofMaxLength(10).list().ofMaxSize(20);
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
