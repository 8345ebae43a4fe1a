package io.stowage.security.password;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class PasswordHashProperties {

    // Fixed valid hashes to mutate; any password works, parsing does not verify.
    private static final String ARGON2 =
            "$argon2id$v=19$m=1024,t=2,p=1$c3Rvd2FnZXNhbHRzYWx0MQ$Y+NxDsJiJe2NlTtmZs3Z/DDkvIJP1k8TRfriCOGyFyU";
    private static final String BCRYPT = "$2y$05$oer5KwPHIwccINMcSBs5O.fFjo4SurU99vE6erb8a7Tf1ECoQgF/2";

    @Property(tries = 200)
    void aHashVerifiesItsPasswordAndRoundTrips(@ForAll("passwords") String password) {
        Argon2idHash hash = Passwords.hash(password.toCharArray(), TestPasswords.CHEAP);

        assertThat(hash.verify(password.toCharArray())).isTrue();
        PasswordHash parsed = PasswordHash.parse(hash.encoded());
        assertThat(parsed).isEqualTo(hash);
        assertThat(parsed.encoded()).isEqualTo(hash.encoded());
        assertThat(parsed.verify(password.toCharArray())).isTrue();
    }

    @Property(tries = 200)
    void aWrongPasswordFails(@ForAll("passwords") String password, @ForAll("passwords") String other) {
        Assume.that(!password.equals(other));
        Argon2idHash hash = Passwords.hash(password.toCharArray(), TestPasswords.CHEAP);

        assertThat(hash.verify(other.toCharArray())).isFalse();
    }

    @Property(tries = 100)
    void bcryptHashesFromBouncyCastleVerify(@ForAll("passwords") String password, @ForAll("salts") byte[] salt,
                                            @ForAll("bcryptVersions") String version) {
        String encoded = OpenBSDBCrypt.generate(version, password.toCharArray(), salt, 4);

        PasswordHash parsed = PasswordHash.parse(encoded);

        assertThat(parsed).isInstanceOf(BcryptHash.class);
        assertThat(parsed.encoded()).isEqualTo(encoded);
        assertThat(parsed.verify(password.toCharArray())).isTrue();
        assertThat(parsed.verify((password + "x").toCharArray()))
                .isEqualTo(password.getBytes(StandardCharsets.UTF_8).length >= 72);
    }

    @Property(tries = 3000)
    void parseAcceptsOrRefusesWithIllegalArgumentOnlyAndNeverEchoes(@ForAll("hashLikeStrings") String candidate) {
        Throwable thrown = catchThrowable(() -> {
            PasswordHash parsed = PasswordHash.parse(candidate);
            // Whatever parses has exactly one encoding: its own.
            assertThat(parsed.encoded()).isEqualTo(candidate);
        });

        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).isNotBlank();
            // The secret part of a hash string is what follows its last '$' (salt and hash); messages may quote the
            // format ("$argon2id$v=19$m=...") but never that.
            String tail = candidate.substring(candidate.lastIndexOf('$') + 1);
            if (tail.length() >= 8) {
                assertThat(thrown.getMessage()).doesNotContain(tail);
            }
            if (candidate.length() >= 16 && !candidate.startsWith("$")) {
                assertThat(thrown.getMessage()).doesNotContain(candidate);
            }
        }
    }

    @Property(tries = 300)
    void arbitraryStringsAreRefused(@ForAll String candidate) {
        Assume.that(!candidate.startsWith("$"));

        assertThatThrownBy(() -> PasswordHash.parse(candidate)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 100)
    void encodingHidesNothingButToStringHidesTheHash(@ForAll("passwords") String password) {
        Argon2idHash hash = Passwords.hash(password.toCharArray(), TestPasswords.CHEAP);
        String[] fields = hash.encoded().split("\\$");

        assertThat(hash.toString()).doesNotContain(fields[4]).doesNotContain(fields[5]);
    }

    @Example
    void garbageAndNearMissesAreRefused() {
        for (String bad : List.of("", "$", "$$$$$", "password", "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
                "$apr1$abcdefgh$0123456789abcdefghijkl", "$1$abc$def", "$6$rounds=5000$salt$hash", "abJnggxhB/yWI",
                "$argon2i$v=19$m=1024,t=2,p=1$c3Rvd2FnZXNhbHRzYWx0MQ$Y+NxDsJiJe2NlTtmZs3Z/DDkvIJP1k8TRfriCOGyFyU",
                "$argon2d$v=19$m=1024,t=2,p=1$c3Rvd2FnZXNhbHRzYWx0MQ$Y+NxDsJiJe2NlTtmZs3Z/DDkvIJP1k8TRfriCOGyFyU",
                ARGON2.replace("v=19", "v=16"),
                ARGON2.replace("$v=19", ""),
                ARGON2.replace("m=1024", "m=01024"),
                ARGON2.replace("m=1024,t=2,p=1", "t=2,m=1024,p=1"),
                ARGON2.replace("m=1024", "m=2097152"),
                ARGON2.replace("m=1024", "m=4"),
                ARGON2.replace("t=2", "t=0"),
                ARGON2.replace("t=2", "t=65"),
                ARGON2.replace("p=1", "p=17"),
                ARGON2.replace("m=1024", "m=+1024"),
                ARGON2.replace("m=1024", "m=9999999999"),
                ARGON2 + "=",
                ARGON2 + "$",
                ARGON2.replace("c3Rvd2FnZXNhbHRzYWx0MQ", "c3Rvd2FnZXNhbHRzYWx0MR"),
                ARGON2.replace("c3Rvd2FnZXNhbHRzYWx0MQ", "c3Rvd2FnZXNhbHRzYWx0MQ=="),
                ARGON2.replace("c3Rvd2FnZXNhbHRzYWx0MQ", "c2FsdA"),
                ARGON2.replace("+", "-"),
                BCRYPT.replace("$2y$", "$2x$"),
                BCRYPT.replace("$2y$", "$2$"),
                BCRYPT.replace("$05$", "$03$"),
                BCRYPT.replace("$05$", "$18$"),
                BCRYPT.replace("$05$", "$31$"),
                BCRYPT.replace("$05$", "$5$"),
                BCRYPT.replace("$05$", "$0a$"),
                BCRYPT.substring(0, 59),
                BCRYPT + "2",
                BCRYPT.replace("oer5KwPHIwccINMcSBs5O.", "oer5KwPHIwccINMcSBs5O/"),
                BCRYPT.replace("oer5", "oer+"),
                "$2y$05$" + "x".repeat(53),
                "$2y$05$".repeat(80))) {
            assertThatThrownBy(() -> PasswordHash.parse(bad)).as(bad).isExactlyInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PasswordHash.parse(null)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> passwords() {
        return TestPasswords.unicodePasswords(90);
    }

    @Provide
    Arbitrary<byte[]> salts() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16);
    }

    @Provide
    Arbitrary<String> bcryptVersions() {
        return Arbitraries.of("2a", "2b", "2y");
    }

    /** Valid hashes, their single-character mutations, and strings that start like a hash. */
    @Provide
    Arbitrary<String> hashLikeStrings() {
        Arbitrary<String> valid = Arbitraries.of(ARGON2, BCRYPT,
                "$argon2id$v=19$m=64,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$G9pihfd+Yv1rrNz8qqkwjQ");
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 200),
                Arbitraries.of("$", "=", ",", "0", "9", "A", "/", "+", ".", "-", "x", " ", "\n", "\u00e9", ""),
                Arbitraries.integers().between(0, 2)).as(PasswordHashProperties::mutate);
        Arbitrary<String> prefixed = Combinators.combine(
                Arbitraries.of("$argon2id$", "$argon2id$v=19$", "$2a$", "$2b$", "$2y$", "$2y$05$", "$"),
                Arbitraries.strings().withChars("$=,0123456789abcmtpvAZ./+").ofMaxLength(120)).as(String::concat);
        return Arbitraries.frequencyOf(Tuple.of(1, valid), Tuple.of(6, mutated), Tuple.of(3, prefixed),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(600)));
    }

    private static String mutate(String s, int position, String piece, int kind) {
        int at = position % (s.length() + 1);
        return switch (kind) {
            case 0 -> s.substring(0, at) + piece + s.substring(at);
            case 1 -> at == s.length() ? s + piece : s.substring(0, at) + piece + s.substring(at + 1);
            default -> at == s.length() ? s : s.substring(0, at) + s.substring(at + 1);
        };
    }

    @Property(tries = 50)
    void costParametersOutsideTheBoundsAreRefusedOnConstruction(@ForAll @IntRange(min = 18, max = 99) int cost) {
        assertThatThrownBy(() -> new BcryptHash(BcryptHash.Variant.Y, cost, new byte[16], new byte[23]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
