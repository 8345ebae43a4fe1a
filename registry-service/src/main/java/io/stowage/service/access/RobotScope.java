package io.stowage.service.access;

import io.stowage.security.scope.Action;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a robot's secret is limited to: {@code repository:<glob>:<actions>}, for instance
 * {@code repository:team-a/**:pull,push}. Unlike a token scope, the name is a {@link RepositoryGlob}.
 */
public record RobotScope(RepositoryGlob repositories, Set<Action> actions) {

    public RobotScope {
        if (repositories == null || actions == null || actions.isEmpty()) {
            throw new IllegalArgumentException("a robot scope names repositories and at least one action");
        }
        actions = Set.copyOf(expand(actions));
    }

    public static RobotScope parse(String text) {
        if (text == null || !text.startsWith("repository:")) {
            throw new IllegalArgumentException("a robot scope is repository:<glob>:<actions>");
        }
        int last = text.lastIndexOf(':');
        if (last <= "repository:".length()) {
            throw new IllegalArgumentException("a robot scope is repository:<glob>:<actions>");
        }
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (String id : text.substring(last + 1).split(",", -1)) {
            actions.add(Action.fromId(id.trim()).orElseThrow(
                    () -> new IllegalArgumentException("unknown action: expected pull, push, delete or *")));
        }
        return new RobotScope(RepositoryGlob.parse(text.substring("repository:".length(), last)), actions);
    }

    /** {@code *} stands for every action; spelled out so that set operations need no special case. */
    static Set<Action> expand(Set<Action> actions) {
        return actions.contains(Action.ALL) ? EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE)
                : EnumSet.copyOf(actions);
    }

    @Override
    public String toString() {
        return "repository:" + repositories.text() + ":" + EnumSet.copyOf(actions).stream().map(Action::id)
                .collect(Collectors.joining(","));
    }
}
