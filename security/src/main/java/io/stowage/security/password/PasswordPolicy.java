package io.stowage.security.password;

/**
 * The Argon2id cost of new password hashes. {@link #DEFAULT} follows OWASP's recommendation for a login path
 * (19 MiB, 2 passes, 1 lane: a few tens of milliseconds per login); tests pass a cheaper policy rather than making
 * the default configurable by accident.
 *
 * @param memoryKiB   memory per hash in KiB, at least {@code 8 * parallelism} (Argon2's minimum)
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
public record PasswordPolicy(int memoryKiB, int iterations, int parallelism) {

    public static final PasswordPolicy DEFAULT = new PasswordPolicy(19_456, 2, 1);

    public PasswordPolicy {
        Argon2idHash.checkParameters(memoryKiB, iterations, parallelism);
    }
}
