package io.stowage.service.access;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.RobotRecord;
import io.stowage.metadata.UserRecord;
import io.stowage.oci.error.TooManyRequestsException;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.security.password.PasswordHash;
import io.stowage.security.password.PasswordPolicy;
import io.stowage.security.password.Passwords;
import io.stowage.security.throttle.LoginThrottle;
import io.stowage.security.throttle.ThrottleDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a username and password (or robot secret), with the login throttle in front and the audit log behind.
 *
 * <p>A password check costs an Argon2id derivation on purpose, which a client sending Basic credentials with every
 * request would pay each time; so a successful check is remembered for a short while under a SHA-256 of the
 * credentials (never the credentials themselves), though never longer than accounts are cached ({@code cacheTtl}):
 * a remembered login would otherwise outlive a password change or a disabling made through another node. An unknown
 * account is checked against a decoy hash, so the time
 * taken does not tell which accounts exist. Every check that reaches the password is audited ({@code login}).
 */
public final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final Duration REMEMBER = Duration.ofSeconds(30);

    private final MetadataStore metadata;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHash decoy = Passwords.decoy(PasswordPolicy.DEFAULT);
    private final TtlCache<String, Identity> verified;
    private final TtlCache<String, Optional<Identity>> subjects;

    public Authenticator(MetadataStore metadata, LoginThrottle throttle, AuditLog audit, Clock clock,
                         Duration cacheTtl) {
        this.metadata = metadata;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.subjects = new TtlCache<>(cacheTtl, 10_000);
        this.verified = new TtlCache<>(cacheTtl.compareTo(REMEMBER) < 0 ? cacheTtl : REMEMBER, 10_000);
    }

    /** Forgets remembered logins and accounts, after a change made through this node. */
    public void invalidate() {
        verified.clear();
        subjects.clear();
    }

    /**
     * The identity the credentials belong to.
     *
     * @throws UnauthorizedException     wrong credentials, unknown, disabled, revoked or expired account (one message
     *                                   for all, so a caller learns nothing about which)
     * @throws TooManyRequestsException  too many recent failures for this account or address
     */
    public Identity login(String username, char[] password, ClientInfo client) {
        String key = credentialKey(username, password);
        Identity remembered = verified.peek(key);
        if (remembered != null) {
            return remembered;
        }
        String account = throttleKey(username);
        String address = throttleKey(client.address());
        ThrottleDecision decision = throttle.check(account, address);
        if (decision instanceof ThrottleDecision.Refused refused) {
            audit.record(username, client, "login", null, null, AuditLog.DENIED, "too many failed logins");
            long seconds = Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
            throw new TooManyRequestsException("too many failed logins; retry in " + seconds + " s", seconds);
        }
        Optional<Identity> identity = check(username, password);
        if (identity.isEmpty()) {
            throttle.recordFailure(account, address);
            audit.record(username, client, "login", null, null, AuditLog.FAILURE, null);
            throw new UnauthorizedException("authentication failed");
        }
        throttle.recordSuccess(account);
        audit.record(identity.get(), client, "login", null, null, AuditLog.SUCCESS, null);
        verified.put(key, identity.get());
        return identity.get();
    }

    /**
     * The identity named by a token's subject, as it is now: empty when the account was deleted, disabled, revoked
     * or has expired since the token was issued.
     */
    public Optional<Identity> resolve(String subject) {
        if (subject == null || subject.isEmpty()) {
            return Optional.of(Identity.ANONYMOUS);
        }
        return subjects.get(subject, this::load);
    }

    private Optional<Identity> load(String subject) {
        if (subject.startsWith(Identity.ROBOT_PREFIX)) {
            return metadata.robots().find(subject.substring(Identity.ROBOT_PREFIX.length()))
                    .filter(this::usable).map(this::robot);
        }
        return metadata.users().find(subject).filter(u -> !u.disabled()).map(this::user);
    }

    private Optional<Identity> check(String username, char[] password) {
        if (username.startsWith(Identity.ROBOT_PREFIX)) {
            Optional<RobotRecord> robot = metadata.robots().find(username.substring(Identity.ROBOT_PREFIX.length()));
            boolean matches = verify(robot.map(RobotRecord::secretHash), password);
            return robot.filter(r -> matches && usable(r)).map(this::robot);
        }
        Optional<UserRecord> user = metadata.users().find(username);
        boolean matches = verify(user.map(UserRecord::passwordHash), password);
        if (user.isEmpty() || !matches || user.get().disabled()) {
            return Optional.empty();
        }
        rehashIfOutdated(user.get(), password);
        return user.map(this::user);
    }

    private boolean verify(Optional<String> encoded, char[] password) {
        PasswordHash hash = decoy;
        if (encoded.isPresent()) {
            try {
                hash = PasswordHash.parse(encoded.get());
            } catch (IllegalArgumentException e) {
                LOG.warn("an account has a password hash this version cannot read; it cannot log in");
            }
        }
        boolean matches = hash.verify(password);
        return encoded.isPresent() && hash != decoy && matches;
    }

    /** Hashes imported from htpasswd (bcrypt) become Argon2id at the first successful login. */
    private void rehashIfOutdated(UserRecord user, char[] password) {
        try {
            if (PasswordHash.parse(user.passwordHash()).needsRehash(PasswordPolicy.DEFAULT)) {
                metadata.users().setPasswordHash(user.username(), Passwords.hash(password).encoded(), clock.instant());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not upgrade the password hash of an account: {}", e.getClass().getSimpleName());
        }
    }

    private boolean usable(RobotRecord robot) {
        return robot.revokedAt() == null && (robot.expiresAt() == null || robot.expiresAt().isAfter(clock.instant()));
    }

    private Identity robot(RobotRecord robot) {
        List<RobotScope> scopes = new ArrayList<>();
        for (String scope : robot.scopes()) {
            try {
                scopes.add(RobotScope.parse(scope));
            } catch (IllegalArgumentException e) {
                LOG.warn("robot {} has an unreadable scope; it is ignored", robot.name());
            }
        }
        return new Identity.Robot(robot.name(), scopes);
    }

    private Identity user(UserRecord user) {
        return new Identity.User(user.username(), user.administrator(), metadata.users().groupsOf(user.username()));
    }

    /**
     * The throttle refuses keys over {@link LoginThrottle#MAX_KEY_LENGTH} characters, but a client may send any
     * username, and a robot's login ({@code robot$} and a name of up to 256 characters) can be longer: such a key is
     * counted under its SHA-256 instead, so it is still throttled rather than failing the request.
     */
    private static String throttleKey(String key) {
        if (key.length() <= LoginThrottle.MAX_KEY_LENGTH) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String credentialKey(String username, char[] password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            sha.update(bytes);
            if (bytes.hasArray()) {
                java.util.Arrays.fill(bytes.array(), (byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
