package io.stowage.security.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id (version 19) hash in PHC form: {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>},
 * salt and hash in unpadded standard base64.
 *
 * <p>Parameters are bounded on parse as well as on creation, because a stored hash decides how much memory and time
 * a login spends: a hash claiming {@code m=4194304} must not be able to make one login allocate 4 GiB.
 */
public record Argon2idHash(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash)
        implements PasswordHash {

    static final String PREFIX = "$argon2id$";
    public static final int MAX_MEMORY_KIB = 1 << 20;
    public static final int MAX_ITERATIONS = 64;
    public static final int MAX_PARALLELISM = 16;
    public static final int MIN_SALT_BYTES = 8;
    public static final int MAX_SALT_BYTES = 64;
    public static final int MIN_HASH_BYTES = 16;
    public static final int MAX_HASH_BYTES = 64;

    // Canonical decimals only (no sign, no leading zero), so each hash has exactly one encoding.
    private static final Pattern PARAMETERS =
            Pattern.compile("m=([1-9][0-9]{0,8}),t=([1-9][0-9]{0,8}),p=([1-9][0-9]{0,8})");

    public Argon2idHash {
        checkParameters(memoryKiB, iterations, parallelism);
        if (salt == null || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
            throw new IllegalArgumentException("Argon2id salt must have " + MIN_SALT_BYTES + " to " + MAX_SALT_BYTES
                    + " bytes");
        }
        if (hash == null || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
            throw new IllegalArgumentException("Argon2id hash must have " + MIN_HASH_BYTES + " to " + MAX_HASH_BYTES
                    + " bytes");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    static void checkParameters(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id parallelism must be 1 to " + MAX_PARALLELISM);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory must be 8 KiB per lane to " + MAX_MEMORY_KIB + " KiB");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2id iterations must be 1 to " + MAX_ITERATIONS);
        }
    }

    static Argon2idHash parse(String encoded) {
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        String[] fields = encoded.split("\\$", -1);
        if (fields.length != 6 || !fields[0].isEmpty() || !fields[1].equals("argon2id")) {
            throw new IllegalArgumentException("malformed Argon2id hash: expected $argon2id$v=19$m=,t=,p=$salt$hash");
        }
        if (!fields[2].equals("v=19")) {
            throw new IllegalArgumentException("unsupported Argon2id version: only v=19 is accepted");
        }
        Matcher parameters = PARAMETERS.matcher(fields[3]);
        if (!parameters.matches()) {
            throw new IllegalArgumentException("malformed Argon2id parameters: expected m=<KiB>,t=<passes>,p=<lanes>");
        }
        int memory = boundedInt(parameters.group(1));
        int iterations = boundedInt(parameters.group(2));
        int parallelism = boundedInt(parameters.group(3));
        byte[] salt = Phc.decodeBase64(fields[4])
                .orElseThrow(() -> new IllegalArgumentException("malformed Argon2id salt encoding"));
        byte[] hash = Phc.decodeBase64(fields[5])
                .orElseThrow(() -> new IllegalArgumentException("malformed Argon2id hash encoding"));
        return new Argon2idHash(memory, iterations, parallelism, salt, hash);
    }

    private static int boundedInt(String digits) {
        // At most 9 digits by the pattern, so this cannot overflow; the range is checked by the constructor.
        return Integer.parseInt(digits);
    }

    /**
     * Computes Argon2id over {@code password} with these parameters, producing {@code length} bytes. Each derivation
     * holds {@code memoryKiB} of heap, so derivations wait for each other through {@link HashMemory} rather than
     * run the heap out when many logins arrive at once.
     */
    static byte[] derive(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        int permits = HashMemory.acquire(memoryKiB);
        try {
            return deriveNow(password, salt, memoryKiB, iterations, parallelism, length);
        } finally {
            HashMemory.release(permits);
        }
    }

    private static byte[] deriveNow(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism,
                                    int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    @Override
    public boolean verify(char[] password) {
        byte[] bytes = PasswordBytes.utf8(password);
        byte[] computed = null;
        try {
            computed = derive(bytes, salt, memoryKiB, iterations, parallelism, hash.length);
            return MessageDigest.isEqual(computed, hash);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (computed != null) {
                Arrays.fill(computed, (byte) 0);
            }
        }
    }

    @Override
    public String encoded() {
        return PREFIX + "v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + Phc.encodeBase64(salt) + "$" + Phc.encodeBase64(hash);
    }

    @Override
    public boolean needsRehash(PasswordPolicy policy) {
        return memoryKiB != policy.memoryKiB() || iterations != policy.iterations()
                || parallelism != policy.parallelism() || salt.length < Passwords.SALT_BYTES
                || hash.length < Passwords.HASH_BYTES;
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Argon2idHash that && memoryKiB == that.memoryKiB && iterations == that.iterations
                && parallelism == that.parallelism && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * memoryKiB + iterations) + parallelism) + Arrays.hashCode(salt);
    }

    /** Parameters only: a hash in a log line is an offline brute-force target. */
    @Override
    public String toString() {
        return "Argon2idHash[m=" + memoryKiB + ", t=" + iterations + ", p=" + parallelism + "]";
    }
}
