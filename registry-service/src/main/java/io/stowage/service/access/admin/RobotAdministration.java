package io.stowage.service.access.admin;

import io.stowage.metadata.RobotIndex;
import io.stowage.metadata.RobotRecord;
import io.stowage.oci.error.ConflictException;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.security.Secrets;
import io.stowage.security.Usernames;
import io.stowage.security.password.Passwords;
import io.stowage.service.access.Identity;
import io.stowage.service.access.RobotScope;
import io.stowage.service.access.admin.Changes.Event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Robot accounts, for system administrators: create one with its scopes and an optional expiry (the generated secret
 * is returned this once and stored only as an Argon2id hash), list, show, revoke (it can no longer log in, and its
 * tokens stop working once the account caches forget it) and delete.
 */
public final class RobotAdministration {

    /** 256 bits of randomness. */
    static final int SECRET_BYTES = 32;
    /** More scopes than this is a mistake, not a policy. */
    public static final int MAX_SCOPES = 100;
    /** A robot meant to live longer should not expire at all. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(3650);

    private final RobotIndex robots;
    private final Changes changes;
    private final Clock clock;

    RobotAdministration(RobotIndex robots, Changes changes, Clock clock) {
        this.robots = robots;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * @param scopes    {@code repository:<glob>:<actions>}, each parsed by {@link RobotScope}; may be empty when the
     *                  robot is to get its rights from grants only
     * @param expiresAt null: never expires (unless {@code expiresIn} says otherwise); otherwise in the future
     * @param expiresIn null, or how long from now the robot may log in (at most one of the two)
     */
    public CreatedRobot create(Actor actor, String name, List<String> scopes, Instant expiresAt,
                               Duration expiresIn) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("robot.create", null, subject(name)),
                r -> "scopes " + r.robot().scopes()
                        + (r.robot().expiresAt() == null ? "" : ", expires " + r.robot().expiresAt()), who -> {
                    requireName(name);
                    List<String> normalized = normalize(scopes);
                    Instant now = clock.instant();
                    Instant expires = expiry(now, expiresAt, expiresIn);
                    if (expires != null && !expires.isAfter(now)) {
                        throw new IllegalArgumentException("the expiry must be in the future");
                    }
                    String secret = Secrets.random(SECRET_BYTES);
                    RobotRecord record = new RobotRecord(name, Passwords.hash(secret.toCharArray()).encoded(),
                            normalized, expires, null, creator(who), now);
                    if (!robots.create(record)) {
                        throw new ConflictException("a robot of that name exists", name);
                    }
                    return new CreatedRobot(view(robots.find(name).orElseThrow()), secret);
                });
    }

    public Slice<RobotView> list(Actor actor, String after, int limit) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> {
            Slice.checkLimit(limit);
            return Slice.of(robots.list(after, limit + 1).stream().map(this::view).toList(), limit);
        });
    }

    public RobotView get(Actor actor, String name) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> view(find(name)));
    }

    /** Revokes the robot; a robot revoked already is a conflict (the first revocation's time stays). */
    public RobotView revoke(Actor actor, String name) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("robot.revoke", null, subject(name)), v -> null,
                who -> {
                    RobotRecord robot = find(name);
                    if (robot.revokedAt() != null || !robots.revoke(name, clock.instant())) {
                        throw new ConflictException("the robot is revoked already", name);
                    }
                    return view(find(name));
                });
    }

    /** Deletes the robot with every grant and rule naming it. */
    public void delete(Actor actor, String name) {
        changes.run(actor, Permission.ADMINISTRATOR, new Event("robot.delete", null, subject(name)), v -> null,
                who -> {
                    requireName(name);
                    if (!robots.delete(name)) {
                        throw unknown(name);
                    }
                    return null;
                });
    }

    private static Instant expiry(Instant now, Instant expiresAt, Duration expiresIn) {
        if (expiresAt != null && expiresIn != null) {
            throw new IllegalArgumentException("give an expiry time or a lifetime, not both");
        }
        if (expiresIn == null) {
            if (expiresAt != null && expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
                throw new IllegalArgumentException("a robot expires at most " + MAX_LIFETIME.toDays()
                        + " days from now, or never");
            }
            return expiresAt;
        }
        if (expiresIn.isNegative() || expiresIn.isZero() || expiresIn.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a robot's lifetime is positive and at most " + MAX_LIFETIME.toDays()
                    + " days");
        }
        return now.plus(expiresIn);
    }

    private static List<String> normalize(List<String> scopes) {
        if (scopes == null) {
            return List.of();
        }
        if (scopes.size() > MAX_SCOPES) {
            throw new IllegalArgumentException("a robot has at most " + MAX_SCOPES + " scopes");
        }
        List<String> normalized = new ArrayList<>();
        for (String scope : scopes) {
            String text = RobotScope.parse(scope).toString();
            if (!normalized.contains(text)) {
                normalized.add(text);
            }
        }
        return normalized;
    }

    /** Robot names follow the username grammar: {@code robot$<name>} is what it logs in as. */
    static void requireName(String name) {
        if (!Usernames.isValid(name)) {
            throw new IllegalArgumentException(
                    "invalid robot name: 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit");
        }
    }

    private static String creator(Identity who) {
        return who.subject() == null ? "unknown" : who.subject();
    }

    private static String subject(String name) {
        return name == null ? null : Identity.ROBOT_PREFIX + name;
    }

    private RobotRecord find(String name) {
        requireName(name);
        return robots.find(name).orElseThrow(() -> unknown(name));
    }

    private static NameUnknownException unknown(String name) {
        return new NameUnknownException("no such robot", name);
    }

    RobotView view(RobotRecord robot) {
        String status = robot.revokedAt() != null ? "revoked"
                : robot.expiresAt() != null && !robot.expiresAt().isAfter(clock.instant()) ? "expired" : "active";
        return new RobotView(robot.name(), Identity.ROBOT_PREFIX + robot.name(), robot.scopes(), robot.expiresAt(),
                robot.revokedAt(), robot.createdBy(), robot.createdAt(), status);
    }
}
