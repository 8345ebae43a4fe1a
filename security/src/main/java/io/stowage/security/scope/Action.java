package io.stowage.security.scope;

import java.util.Optional;

/** What a scope allows on its resource. {@link #ALL} ({@code *}) allows every action. */
public enum Action {
    PULL("pull"), PUSH("push"), DELETE("delete"), ALL("*");

    private final String id;

    Action(String id) {
        this.id = id;
    }

    /** The form in scope strings and tokens. */
    public String id() {
        return id;
    }

    public static Optional<Action> fromId(String id) {
        for (Action action : values()) {
            if (action.id.equals(id)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
