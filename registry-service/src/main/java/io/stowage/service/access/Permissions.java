package io.stowage.service.access;

import io.stowage.metadata.Role;
import io.stowage.security.scope.Action;

import java.util.EnumSet;
import java.util.Set;

/** What each role allows on a repository: reader pulls, developer also pushes, maintainer and admin also delete. */
public final class Permissions {

    private Permissions() {
    }

    public static Set<Action> of(Role role) {
        if (role == null) {
            return EnumSet.noneOf(Action.class);
        }
        return switch (role) {
            case READER -> EnumSet.of(Action.PULL);
            case DEVELOPER -> EnumSet.of(Action.PULL, Action.PUSH);
            case MAINTAINER, ADMIN -> EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE);
        };
    }

    /** Everything an administrator may do on a repository. */
    public static Set<Action> all() {
        return EnumSet.of(Action.PULL, Action.PUSH, Action.DELETE);
    }
}
