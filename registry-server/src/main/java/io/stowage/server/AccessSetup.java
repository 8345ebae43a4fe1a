package io.stowage.server;

import io.stowage.security.throttle.ThrottlePolicy;
import io.stowage.security.token.Algorithm;
import io.stowage.service.access.AccessSettings;
import io.stowage.service.access.AdminBootstrap;
import io.stowage.service.access.AnonymousAccess;
import io.stowage.service.access.TokenService;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Access control as the configuration asks for it: the anonymous mode (push on loopback, none elsewhere, unless
 * set), token settings, and the first start's administrator with its password file.
 */
final class AccessSetup {

    static final String PASSWORD_FILE = "admin-password";

    private AccessSetup() {
    }

    static AccessSettings settings(Config config) {
        Algorithm algorithm = Algorithm.fromJwsName(config.get(Setting.AUTH_TOKEN_ALGORITHM)).orElseThrow(
                () -> new Config.ConfigException(Setting.AUTH_TOKEN_ALGORITHM.key() + " must be ES256 or EdDSA"));
        String service = requireText(config, Setting.AUTH_TOKEN_SERVICE);
        String issuer = requireText(config, Setting.AUTH_TOKEN_ISSUER);
        TokenService.Settings tokens = new TokenService.Settings(issuer, service,
                config.getPositiveDuration(Setting.AUTH_TOKEN_LIFETIME),
                config.getPositiveDuration(Setting.AUTH_TOKEN_REFRESH_LIFETIME), algorithm);
        return new AccessSettings(anonymous(config), tokens, config.getDuration(Setting.AUTH_CACHE_TTL),
                config.getBoolean(Setting.AUDIT_PULLS), ThrottlePolicy.DEFAULT);
    }

    /** The configured mode, or push on a loopback address and none on any other. */
    static AnonymousAccess anonymous(Config config) {
        String configured = config.get(Setting.AUTH_ANONYMOUS);
        if (!configured.isEmpty()) {
            try {
                return AnonymousAccess.parse(configured);
            } catch (IllegalArgumentException e) {
                throw new Config.ConfigException(Setting.AUTH_ANONYMOUS.key() + " must be none, pull or push");
            }
        }
        return isLoopback(config.listen().host()) ? AnonymousAccess.PUSH : AnonymousAccess.NONE;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Creates the administrator when the store has no user. A generated password is written to
     * {@code DATA/admin-password} (created new, owner-only) and only its path is returned for the log.
     */
    static Optional<Path> bootstrapAdministrator(AdminBootstrap bootstrap, Config config) throws IOException {
        Optional<String> given = Optional.of(config.get(Setting.ADMIN_PASSWORD)).filter(p -> !p.isEmpty());
        AdminBootstrap.Outcome outcome = bootstrap.ensureAdministrator(given);
        if (!(outcome instanceof AdminBootstrap.Outcome.Generated generated)) {
            return Optional.empty();
        }
        Path data = config.dataDirectory();
        Files.createDirectories(data);
        Path file = data.resolve(PASSWORD_FILE);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("could not create " + file + " for the administrator password", e);
        }
        Files.writeString(file, generated.password() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return Optional.of(file);
    }

    private static String requireText(Config config, Setting setting) {
        String value = config.get(setting);
        if (value.isEmpty() || value.length() > 200 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"')) {
            throw new Config.ConfigException(setting.key() + " must be 1 to 200 printable ASCII characters, no quotes");
        }
        return value;
    }
}
