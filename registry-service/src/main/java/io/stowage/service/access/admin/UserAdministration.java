package io.stowage.service.access.admin;

import io.stowage.metadata.UserIndex;
import io.stowage.metadata.UserRecord;
import io.stowage.oci.error.ConflictException;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.security.Usernames;
import io.stowage.security.password.Htpasswd;
import io.stowage.security.password.Passwords;
import io.stowage.service.access.admin.Changes.Event;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Users and groups: create, list, show, change (password, disabled, administrator), delete, group membership, and the
 * import of an htpasswd file. All of it is for system administrators. The registry always keeps one enabled
 * administrator: disabling, demoting or deleting the last one is refused, so nobody can lock everyone out.
 */
public final class UserAdministration {

    /** The password policy for accounts created or changed here. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Bounds the work of hashing: no real password comes near it. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final int SCAN_PAGE = 1000;

    private final UserIndex users;
    private final Changes changes;
    private final Clock clock;

    UserAdministration(UserIndex users, Changes changes, Clock clock) {
        this.users = users;
        this.changes = changes;
        this.clock = clock;
    }

    public UserView create(Actor actor, String username, String password, boolean administrator) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("user.create", null, username),
                v -> administrator ? "administrator" : null, who -> {
                    Usernames.requireValid(username);
                    checkPassword(password);
                    Instant now = clock.instant();
                    if (!users.create(new UserRecord(username, Passwords.hash(password.toCharArray()).encoded(),
                            administrator, false, now, now))) {
                        throw new ConflictException("a user of that name exists", username);
                    }
                    return view(users.find(username).orElseThrow());
                });
    }

    /** Users in lexical order of name, strictly after {@code after} (null: from the start). */
    public Slice<UserView> list(Actor actor, String after, int limit) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> {
            Slice.checkLimit(limit);
            return Slice.of(users.list(after, limit + 1).stream().map(this::view).toList(), limit);
        });
    }

    public UserView get(Actor actor, String username) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> view(find(username)));
    }

    public void setPassword(Actor actor, String username, String password) {
        changes.run(actor, Permission.ADMINISTRATOR, new Event("user.update", null, username), v -> "password",
                who -> {
                    find(username);
                    checkPassword(password);
                    if (!users.setPasswordHash(username, Passwords.hash(password.toCharArray()).encoded(),
                            clock.instant())) {
                        throw unknown(username);
                    }
                    return null;
                });
    }

    /**
     * Changes whether the user is an administrator and whether it is disabled (null: unchanged), as one audited
     * change.
     */
    public UserView update(Actor actor, String username, Boolean administrator, Boolean disabled) {
        List<String> what = new ArrayList<>();
        if (administrator != null) {
            what.add(administrator ? "administrator" : "not administrator");
        }
        if (disabled != null) {
            what.add(disabled ? "disabled" : "enabled");
        }
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("user.update", null, username),
                v -> String.join(", ", what), who -> {
                    if (what.isEmpty()) {
                        throw new IllegalArgumentException("nothing to change: give administrator or disabled");
                    }
                    UserRecord user = find(username);
                    if (Boolean.FALSE.equals(administrator) || Boolean.TRUE.equals(disabled)) {
                        requireAnotherAdministrator(user);
                    }
                    Instant now = clock.instant();
                    if (administrator != null && !users.setAdministrator(username, administrator, now)) {
                        throw unknown(username);
                    }
                    if (disabled != null && !users.setDisabled(username, disabled, now)) {
                        throw unknown(username);
                    }
                    return view(find(username));
                });
    }

    public void delete(Actor actor, String username) {
        changes.run(actor, Permission.ADMINISTRATOR, new Event("user.delete", null, username), v -> null, who -> {
            requireAnotherAdministrator(find(username));
            if (!users.delete(username)) {
                throw unknown(username);
            }
            return null;
        });
    }

    /** Makes the user a member of the group; false when it was one already. */
    public boolean addMember(Actor actor, String group, String username) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("group.add-member", null, username),
                added -> "group " + group + (added ? "" : " (already a member)"), who -> {
                    requireGroupName(group);
                    find(username);
                    return users.addMember(group, username);
                });
    }

    public void removeMember(Actor actor, String group, String username) {
        changes.run(actor, Permission.ADMINISTRATOR, new Event("group.remove-member", null, username),
                v -> "group " + group, who -> {
                    requireGroupName(group);
                    if (!users.removeMember(group, username)) {
                        throw new NameUnknownException("the user is no member of the group", username);
                    }
                    return null;
                });
    }

    /** Members of the group in lexical order, strictly after {@code after} (null: from the start). */
    public Slice<String> members(Actor actor, String group, String after, int limit) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> {
            requireGroupName(group);
            Slice.checkLimit(limit);
            return Slice.of(users.members(group, after, limit + 1), limit);
        });
    }

    /**
     * Creates the users of an htpasswd file (bcrypt or Argon2id entries) that do not exist yet, as users who are
     * neither administrators nor disabled; users that exist are left as they are and reported. The file is checked
     * whole before anything is created (a bad line refuses it all). A bcrypt hash becomes Argon2id at the user's
     * first login.
     */
    public ImportReport importHtpasswd(Actor actor, String content) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("user.import", null, null),
                r -> "created " + r.created().size() + (r.created().isEmpty() ? "" : " " + r.created())
                        + ", skipped " + r.skipped().size() + (r.skipped().isEmpty() ? "" : " " + r.skipped()),
                who -> {
                    List<Htpasswd.Entry> entries = Htpasswd.parse(content);
                    List<String> created = new ArrayList<>();
                    List<String> skipped = new ArrayList<>();
                    for (Htpasswd.Entry entry : entries) {
                        Instant now = clock.instant();
                        if (users.create(new UserRecord(entry.username(), entry.hash().encoded(), false, false, now,
                                now))) {
                            created.add(entry.username());
                        } else {
                            skipped.add(entry.username());
                        }
                    }
                    return new ImportReport(created, skipped);
                });
    }

    /** Refuses to take away the last enabled administrator. */
    private void requireAnotherAdministrator(UserRecord user) {
        if (!user.administrator() || user.disabled()) {
            return;
        }
        String after = null;
        while (true) {
            List<UserRecord> page = users.list(after, SCAN_PAGE);
            for (UserRecord other : page) {
                if (other.administrator() && !other.disabled() && !other.username().equals(user.username())) {
                    return;
                }
            }
            if (page.size() < SCAN_PAGE) {
                throw new ConflictException("the registry would be left without an enabled administrator",
                        user.username());
            }
            after = page.getLast().username();
        }
    }

    static void checkPassword(String password) {
        if (password == null) {
            throw new IllegalArgumentException("a password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH
                    + " characters");
        }
    }

    /** Group names follow the username grammar: they appear in paths and next to usernames. */
    static void requireGroupName(String group) {
        if (!Usernames.isValid(group)) {
            throw new IllegalArgumentException(
                    "invalid group name: 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit");
        }
    }

    private UserRecord find(String username) {
        Usernames.requireValid(username);
        return users.find(username).orElseThrow(() -> unknown(username));
    }

    private static NameUnknownException unknown(String username) {
        return new NameUnknownException("no such user", username);
    }

    private UserView view(UserRecord user) {
        return new UserView(user.username(), user.administrator(), user.disabled(), users.groupsOf(user.username()),
                user.createdAt(), user.updatedAt());
    }
}
