package io.stowage.service.access;

import io.stowage.security.scope.Action;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller without credentials may do anywhere ({@code auth.anonymous}). {@code push} includes delete: it is the
 * mode of a registry on a developer's loopback, where everything but administration is open.
 */
public enum AnonymousAccess {
    NONE(EnumSet.noneOf(Action.class)),
    PULL(EnumSet.of(Action.PULL)),
    PUSH(EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE));

    private final Set<Action> actions;

    AnonymousAccess(Set<Action> actions) {
        this.actions = actions;
    }

    public Set<Action> actions() {
        return EnumSet.copyOf(actions.isEmpty() ? EnumSet.noneOf(Action.class) : actions);
    }

    boolean allows(Action action) {
        return actions.contains(action);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code none}, {@code pull} or {@code push}. */
    public static AnonymousAccess parse(String text) {
        for (AnonymousAccess mode : values()) {
            if (mode.id().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("anonymous access must be none, pull or push");
    }
}
