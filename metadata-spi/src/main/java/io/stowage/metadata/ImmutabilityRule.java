package io.stowage.metadata;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tags that must never move or go, in the repositories of {@code namespace} that {@code repositoryGlob} matches (null:
 * every repository of the namespace): those whose whole name {@code tagRegex} matches. The glob is opaque to the
 * store, as in {@link RepositoryRule}; how it matches, and what a matching tag may still do, is the service's to
 * decide. {@code id} is assigned by the store when the rule is added; a rule not yet added has id 0.
 *
 * <p>{@code tagRegex} is a {@link Pattern java.util.regex} expression of at most {@value #MAX_REGEX_LENGTH}
 * characters that compiles. Java's engine backtracks, so some expressions take exponential time on some inputs; the
 * inputs are tag names (at most 128 characters), and the service that matches them also bounds the work per match.
 */
public record ImmutabilityRule(long id, String namespace, String repositoryGlob, String tagRegex) {

    public static final int MAX_REGEX_LENGTH = 256;

    public ImmutabilityRule {
        if (id < 0) {
            throw new IllegalArgumentException("a rule id is positive, or 0 before the rule is added");
        }
        NamespaceRecord.requireName(namespace, "namespace");
        if (repositoryGlob != null) {
            Names.require(repositoryGlob, "repositoryGlob");
        }
        requireTagRegex(tagRegex);
    }

    /** A rule to add; the store assigns its id. */
    public ImmutabilityRule(String namespace, String repositoryGlob, String tagRegex) {
        this(0, namespace, repositoryGlob, tagRegex);
    }

    /** Whether {@code regex} may be stored as a tag regex: 1 to 256 storable characters that compile. */
    public static boolean isValidTagRegex(String regex) {
        try {
            requireTagRegex(regex);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** The compiled {@link #tagRegex()}; a tag is immutable when the pattern matches its whole name. */
    public Pattern pattern() {
        return Pattern.compile(tagRegex);
    }

    private static void requireTagRegex(String regex) {
        requireRegex(regex, "tagRegex");
    }

    /**
     * {@code regex}, or an {@link IllegalArgumentException} naming {@code what} unless it has 1 to 256 storable
     * characters and compiles; the rule for every tag expression the store keeps (also those of
     * {@link RetentionPolicy}).
     */
    static String requireRegex(String regex, String what) {
        Names.requireText(regex, what, MAX_REGEX_LENGTH);
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid regular expression: " + e.getDescription());
        } catch (StackOverflowError e) {
            // Deeply nested groups can exhaust the compiler's stack; such an expression is refused, not stored.
            throw new IllegalArgumentException(what + " is nested too deeply");
        }
        return regex;
    }
}
