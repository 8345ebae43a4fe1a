package io.stowage.service.lifecycle;

import io.stowage.metadata.ImmutabilityRule;
import io.stowage.metadata.PolicyIndex;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.DeniedException;
import io.stowage.service.access.RepositoryGlob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which tags of a repository are immutable: those whose whole name a rule's regular expression matches, for the
 * rules of every namespace covering the repository whose repository glob matches it (or that have none).
 *
 * <p><b>Regular expressions and ReDoS.</b> Rules use {@link Pattern java.util.regex}, a backtracking engine: some
 * expressions take exponential (or high-degree polynomial) time on some inputs, {@code (.*a){12}b} for one. Three
 * things bound the cost. An expression has at most 256 characters and must compile ({@link ImmutabilityRule}); it is
 * only ever matched against a tag name, at most 128 characters of {@code [A-Za-z0-9._-]}, never against a request
 * body or header; and every match runs over a {@link CharSequence} that counts the characters the engine reads and
 * stops the match after {@value #STEP_BUDGET} of them (a few milliseconds). A match that runs out of budget fails
 * closed: the tag counts as immutable, and the refusal says the rule was too costly to evaluate, so an administrator
 * who wrote such a rule learns it from the first refusal. Only administrators of a namespace can add rules.
 *
 * <p>Rules are read from the store on every push or delete that needs them (no cache): a rule added through any node
 * applies at once everywhere. Compiled expressions are cached, by text.
 */
public final class TagImmutability {

    /** Characters the regex engine may read per match: legitimate rules read a few hundred. */
    static final long STEP_BUDGET = 1_000_000;
    private static final int MAX_CACHED_PATTERNS = 1_000;

    private final PolicyIndex policies;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public TagImmutability(PolicyIndex policies) {
        this.policies = policies;
    }

    /** The rules that apply to {@code repository}, read once; cheap when there are none. */
    public Rules rulesFor(RepositoryName repository) {
        List<ImmutabilityRule> applicable = new ArrayList<>();
        for (ImmutabilityRule rule : policies.immutabilityRulesCovering(repository)) {
            if (rule.repositoryGlob() == null || RepositoryGlob.parse(rule.repositoryGlob()).matches(
                    repository.value())) {
                applicable.add(rule);
            }
        }
        return new Rules(repository, List.copyOf(applicable));
    }

    /** The rules of one repository. */
    public final class Rules implements Predicate<Tag> {

        private final RepositoryName repository;
        private final List<ImmutabilityRule> rules;

        private Rules(RepositoryName repository, List<ImmutabilityRule> rules) {
            this.repository = repository;
            this.rules = rules;
        }

        public boolean isEmpty() {
            return rules.isEmpty();
        }

        public List<ImmutabilityRule> rules() {
            return rules;
        }

        /** Whether {@code tag} is immutable here. */
        @Override
        public boolean test(Tag tag) {
            return match(tag).isPresent();
        }

        /** The first rule making {@code tag} immutable, and whether it matched or ran out of budget. */
        public Optional<Match> match(Tag tag) {
            for (ImmutabilityRule rule : rules) {
                Match.Outcome outcome = matches(rule, tag.value());
                if (outcome != null) {
                    return Optional.of(new Match(rule, tag, outcome));
                }
            }
            return Optional.empty();
        }

        /** The refusal to give for {@code tag}, which {@link #test} accepts; {@code action} says what was refused. */
        public DeniedException refusal(Tag tag, String action) {
            Match match = match(tag).orElseThrow(() -> new IllegalStateException("tag " + tag + " is not immutable"));
            return new DeniedException(match.describe() + "; " + action);
        }

        @Override
        public String toString() {
            return "immutability rules of " + repository + ": " + rules;
        }
    }

    /** Why a tag is immutable. */
    public record Match(ImmutabilityRule rule, Tag tag, Outcome outcome) {

        public enum Outcome { MATCHED, TOO_COSTLY }

        /** For instance {@code tag v1 is immutable: it matches rule /v.+/ of namespace team-a}. */
        public String describe() {
            String scope = rule.repositoryGlob() == null ? "" : " (repositories " + rule.repositoryGlob() + ")";
            return switch (outcome) {
                case MATCHED -> "tag " + tag.value() + " is immutable: it matches rule /" + rule.tagRegex()
                        + "/ of namespace " + rule.namespace() + scope;
                case TOO_COSTLY -> "tag " + tag.value() + " is treated as immutable: rule /" + rule.tagRegex()
                        + "/ of namespace " + rule.namespace() + scope
                        + " is too costly to evaluate against it (simplify the rule)";
            };
        }
    }

    /** MATCHED, TOO_COSTLY, or null when the rule does not match. */
    private Match.Outcome matches(ImmutabilityRule rule, String tag) {
        Pattern pattern = patterns.get(rule.tagRegex());
        if (pattern == null) {
            pattern = rule.pattern();
            if (patterns.size() >= MAX_CACHED_PATTERNS) {
                patterns.clear();
            }
            patterns.put(rule.tagRegex(), pattern);
        }
        return matchesWithinBudget(pattern, tag, STEP_BUDGET);
    }

    /** Whether {@code pattern} matches the whole of {@code input}: MATCHED, null, or TOO_COSTLY past the budget. */
    static Match.Outcome matchesWithinBudget(Pattern pattern, String input, long budget) {
        try {
            return pattern.matcher(new BudgetedSequence(input, new long[] {budget})).matches()
                    ? Match.Outcome.MATCHED : null;
        } catch (BudgetExceeded e) {
            return Match.Outcome.TOO_COSTLY;
        } catch (StackOverflowError e) {
            // Deep recursion in the engine: as costly as it gets.
            return Match.Outcome.TOO_COSTLY;
        }
    }

    /** Text that counts every character read and stops the reader past its budget. */
    private record BudgetedSequence(String text, long[] remaining) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedSequence(text.substring(start, end), remaining);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("regular expression step budget exceeded", null, false, false);
        }
    }
}
