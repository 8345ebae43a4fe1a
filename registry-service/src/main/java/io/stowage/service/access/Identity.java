package io.stowage.service.access;

import java.util.List;
import java.util.Objects;

/**
 * Who a request acts as, once its credentials were checked. A robot logs in as {@code robot$<name>} (Harbor's
 * convention): {@code $} is outside the username grammar, so a robot login can never be taken for a user's.
 */
public sealed interface Identity {

    String ROBOT_PREFIX = "robot$";

    /** The name the audit log and tokens carry: a username, {@code robot$<name>}, or null when anonymous. */
    String subject();

    default boolean administrator() {
        return false;
    }

    Anonymous ANONYMOUS = new Anonymous();

    record Anonymous() implements Identity {
        @Override
        public String subject() {
            return null;
        }
    }

    record User(String name, boolean administrator, List<String> groups) implements Identity {
        public User {
            Objects.requireNonNull(name, "name");
            groups = List.copyOf(groups);
        }

        @Override
        public String subject() {
            return name;
        }
    }

    /** A robot may do what its scopes say (globs over repository names) and what grants naming it give. */
    record Robot(String name, List<RobotScope> scopes) implements Identity {
        public Robot {
            Objects.requireNonNull(name, "name");
            scopes = List.copyOf(scopes);
        }

        @Override
        public String subject() {
            return ROBOT_PREFIX + name;
        }
    }

    /**
     * Known only by the name a token carries: what it may do is in the token; its current account, when needed, is
     * looked up by name.
     */
    record Named(String subject) implements Identity {
        public Named {
            Objects.requireNonNull(subject, "subject");
        }
    }
}
