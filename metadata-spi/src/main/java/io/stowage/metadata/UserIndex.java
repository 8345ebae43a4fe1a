package io.stowage.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Local users and their group memberships. A group is only a name: it exists through its members (and any grants
 * naming it), and needs no creating or deleting. Whether a user may log in, and what being an administrator allows,
 * is the access-control service's to decide. Names compare exactly (bytewise): {@code Alice} and {@code alice} are
 * two users.
 */
public interface UserIndex {

    /** Records a new user; false, writing nothing, when the username is taken. */
    boolean create(UserRecord user);

    Optional<UserRecord> find(String username);

    /** Users in lexical order of name, strictly after {@code after} (null: from the start), at most {@code limit}. */
    List<UserRecord> list(String after, int limit);

    /** Replaces the user's password hash and sets {@code updatedAt}; false when there is no such user. */
    boolean setPasswordHash(String username, String passwordHash, Instant at);

    /** Sets whether the user is disabled and sets {@code updatedAt}; false when there is no such user. */
    boolean setDisabled(String username, boolean disabled, Instant at);

    /** Sets whether the user is an administrator and sets {@code updatedAt}; false when there is no such user. */
    boolean setAdministrator(String username, boolean administrator, Instant at);

    /**
     * Deletes the user together with its group memberships and every grant and repository rule naming it as a user,
     * in one transaction, so that a new user of the same name starts with nothing. False when there is no such user.
     */
    boolean delete(String username);

    long count();

    /** Makes the user a member of {@code group}; false when it already is one, or when there is no such user. */
    boolean addMember(String group, String username);

    /** False when the user was no member of the group. */
    boolean removeMember(String group, String username);

    /** The groups the user is a member of, in lexical order (a user has few). */
    List<String> groupsOf(String username);

    /** Members of {@code group} in lexical order, strictly after {@code after} (null: from the start), at most limit. */
    List<String> members(String group, String after, int limit);
}
