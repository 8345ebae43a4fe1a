package io.stowage.security.scope;

import io.stowage.oci.RepositoryName;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One resource and the actions on it, {@code type:name:actions}. The actions are a set, normalised so that a set
 * holding {@code *} is just {@code *}; {@link #toString()} is the canonical form (actions in the order pull, push,
 * delete), and {@link #parse(String)} of it gives back an equal scope.
 */
public record Scope(ResourceType type, String name, Set<Action> actions) {

    /** Bounds the work on hostile input; a canonical scope is under 300 characters. */
    public static final int MAX_LENGTH = 1024;
    public static final String CATALOG = "catalog";

    public Scope {
        String problem = problem(type, name, actions);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        EnumSet<Action> normalised = EnumSet.copyOf(actions);
        actions = Collections.unmodifiableSet(normalised.contains(Action.ALL) ? EnumSet.of(Action.ALL) : normalised);
    }

    /** A scope on repository {@code name}. */
    public static Scope repository(RepositoryName name, Action... actions) {
        if (name == null) {
            throw new IllegalArgumentException("repository name is missing");
        }
        return new Scope(ResourceType.REPOSITORY, name.value(),
                actions == null ? Set.of() : new HashSet<>(Arrays.asList(actions)));
    }

    /** {@code registry:catalog:*}, the scope of {@code GET /v2/_catalog}. */
    public static Scope catalog() {
        return new Scope(ResourceType.REGISTRY, CATALOG, Set.of(Action.ALL));
    }

    /**
     * Parses one scope, {@code type:name:action[,action...]}. The name is what lies between the first and the last
     * colon, as Docker's own parser reads it.
     *
     * @throws ScopeException for anything outside the grammar; never an unchecked exception, whatever the input
     */
    public static Scope parse(String text) throws ScopeException {
        if (text == null || text.isEmpty()) {
            throw new ScopeException("scope is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ScopeException("scope is longer than " + MAX_LENGTH + " characters");
        }
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first < 0 || first == last) {
            throw new ScopeException("scope must be type:name:actions");
        }
        ResourceType type = ResourceType.fromId(text.substring(0, first))
                .orElseThrow(() -> new ScopeException("unknown resource type: expected repository or registry"));
        String name = text.substring(first + 1, last);
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (String id : text.substring(last + 1).split(",", -1)) {
            actions.add(Action.fromId(id).orElseThrow(
                    () -> new ScopeException("unknown action: expected pull, push, delete or *")));
        }
        String problem = problem(type, name, actions);
        if (problem != null) {
            throw new ScopeException(problem);
        }
        return new Scope(type, name, actions);
    }

    /** Whether this scope allows {@code action}; {@code *} allows every action. */
    public boolean allows(Action action) {
        return actions.contains(Action.ALL) || actions.contains(action);
    }

    /** This scope with {@code more} actions added (used to merge requests for the same resource). */
    public Scope with(Set<Action> more) {
        EnumSet<Action> union = EnumSet.copyOf(actions);
        union.addAll(more);
        return new Scope(type, name, union);
    }

    @Override
    public String toString() {
        return type.id() + ":" + name + ":" + actions.stream().map(Action::id).collect(Collectors.joining(","));
    }

    /** The one validation, shared by the constructor (a programming error) and parse (bad input). */
    private static String problem(ResourceType type, String name, Set<Action> actions) {
        if (type == null) {
            return "resource type is missing";
        }
        if (name == null) {
            return "resource name is missing";
        }
        if (actions == null || actions.isEmpty()) {
            return "scope has no actions";
        }
        // Iterated rather than contains(null): immutable sets throw on a null query.
        for (Action action : actions) {
            if (action == null) {
                return "scope has a missing action";
            }
        }
        return switch (type) {
            case REPOSITORY -> RepositoryName.isValid(name) ? null : "invalid repository name";
            case REGISTRY -> CATALOG.equals(name) ? null : "unknown registry resource: only catalog";
        };
    }
}
