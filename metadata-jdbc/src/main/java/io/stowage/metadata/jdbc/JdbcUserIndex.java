package io.stowage.metadata.jdbc;

import io.stowage.metadata.Names;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.UserIndex;
import io.stowage.metadata.UserRecord;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UserIndex} on {@code users} and {@code group_members}. A delete locks the user's row before removing what
 * names it, and whatever adds a row naming a user (a membership, a grant, a rule) holds the user's row while it
 * does: so with concurrent writers (PostgreSQL) nothing naming a deleted user can be left behind.
 */
final class JdbcUserIndex implements UserIndex {

    private final Transactions transactions;
    private final SqlDialect dialect;

    JdbcUserIndex(Transactions transactions, SqlDialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public boolean create(UserRecord user) {
        Objects.requireNonNull(user, "user");
        return transactions.write("create user", c -> UsersTable.insert(c, user));
    }

    @Override
    public Optional<UserRecord> find(String username) {
        Objects.requireNonNull(username, "username");
        return transactions.read("find user", c -> UsersTable.find(c, username));
    }

    @Override
    public List<UserRecord> list(String after, int limit) {
        Limits.check(limit);
        return transactions.read("list users", c -> UsersTable.list(c, after, limit));
    }

    @Override
    public boolean setPasswordHash(String username, String passwordHash, Instant at) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(at, "at");
        // The record's rule, so that the row still reads back as a valid record.
        Names.requireText(passwordHash, "passwordHash", UserRecord.MAX_HASH_LENGTH);
        return transactions.write("set user password", c -> UsersTable.setPasswordHash(c, username, passwordHash,
                at));
    }

    @Override
    public boolean setDisabled(String username, boolean disabled, Instant at) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(at, "at");
        return transactions.write("set user disabled", c -> UsersTable.setDisabled(c, username, disabled, at));
    }

    @Override
    public boolean setAdministrator(String username, boolean administrator, Instant at) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(at, "at");
        return transactions.write("set user administrator",
                c -> UsersTable.setAdministrator(c, username, administrator, at));
    }

    @Override
    public boolean delete(String username) {
        Objects.requireNonNull(username, "username");
        return transactions.write("delete user", c -> {
            if (!UsersTable.lockForDelete(c, dialect, username)) {
                return false;
            }
            GroupMembersTable.deleteAllOf(c, username);
            GrantsTable.deleteAllOf(c, PrincipalKind.USER, username);
            RepositoryRulesTable.deleteAllOf(c, PrincipalKind.USER, username);
            return UsersTable.delete(c, username);
        });
    }

    @Override
    public long count() {
        return transactions.read("count users", UsersTable::count);
    }

    @Override
    public boolean addMember(String group, String username) {
        Names.require(group, "group");
        Objects.requireNonNull(username, "username");
        return transactions.write("add group member", c -> UsersTable.lockIfPresent(c, dialect, username)
                && GroupMembersTable.insert(c, group, username));
    }

    @Override
    public boolean removeMember(String group, String username) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(username, "username");
        return transactions.write("remove group member", c -> GroupMembersTable.delete(c, group, username));
    }

    @Override
    public List<String> groupsOf(String username) {
        Objects.requireNonNull(username, "username");
        return transactions.read("list groups of user", c -> GroupMembersTable.groupsOf(c, username));
    }

    @Override
    public List<String> members(String group, String after, int limit) {
        Objects.requireNonNull(group, "group");
        Limits.check(limit);
        return transactions.read("list group members", c -> GroupMembersTable.members(c, group, after, limit));
    }
}
