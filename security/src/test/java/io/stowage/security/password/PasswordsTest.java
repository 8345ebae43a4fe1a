package io.stowage.security.password;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordsTest {

    @Test
    void argon2idVectorsFromTheReferenceImplementationVerify() {
        // Made with the reference CLI (Debian's argon2 package):
        //   echo -n 'correct horse battery staple' | argon2 stowagesaltsalt1 -id -t 2 -m 10 -p 1 -l 32 -e
        //   echo -n 'pässwörd' | argon2 somesaltsomesalt -id -t 3 -m 8 -p 1 -l 32 -e   (UTF-8 input)
        //   echo -n 'x' | argon2 0123456789abcdef -id -t 1 -m 6 -p 2 -l 16 -e
        assertVerifies("$argon2id$v=19$m=1024,t=2,p=1$c3Rvd2FnZXNhbHRzYWx0MQ$Y+NxDsJiJe2NlTtmZs3Z/DDkvIJP1k8TRfriCOGyFyU",
                "correct horse battery staple");
        assertVerifies("$argon2id$v=19$m=256,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$dZwt5TPDfio5C+MAuHAYFy32qGiJ91TS6dbDzOLpfyI",
                "pässwörd");
        assertVerifies("$argon2id$v=19$m=64,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$G9pihfd+Yv1rrNz8qqkwjQ", "x");
    }

    @Test
    void htpasswdBcryptVectorsVerify() {
        // Made with Apache's htpasswd 2.4 (apache2-utils): htpasswd -nbB -C 5 admin 's3cret-Passw0rd'
        assertVerifies("$2y$05$oer5KwPHIwccINMcSBs5O.fFjo4SurU99vE6erb8a7Tf1ECoQgF/2", "s3cret-Passw0rd");
        // htpasswd -nbB -C 4 robot ''
        assertVerifies("$2y$04$4ui8vYY3U880K9mmEGA6n.ZTuvTnh.VOqJ2ZO3Nj2WrW5jFC40np.", "");
        // htpasswd -nbB -C 5 longpw <80 times a>: bcrypt reads only the first 72 bytes
        PasswordHash longPassword = PasswordHash.parse("$2y$05$7IFZ9LfryeeCEPQq/pE5d.wl.Xo9V4zUZuvRDdxioKii42qQjC8aG");
        assertThat(longPassword.verify("a".repeat(80).toCharArray())).isTrue();
        assertThat(longPassword.verify("a".repeat(72).toCharArray())).isTrue();
        assertThat(longPassword.verify("a".repeat(71).toCharArray())).isFalse();
    }

    @Test
    void theDefaultPolicyWritesOwaspParametersWithASixteenByteSalt() {
        Argon2idHash hash = Passwords.hash("hunter2".toCharArray());

        assertThat(hash.encoded()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        String[] fields = hash.encoded().split("\\$");
        assertThat(Base64.getDecoder().decode(fields[4])).hasSize(16);
        assertThat(Base64.getDecoder().decode(fields[5])).hasSize(32);
        assertThat(hash.verify("hunter2".toCharArray())).isTrue();
        assertThat(hash.verify("hunter3".toCharArray())).isFalse();
        assertThat(hash.needsRehash(PasswordPolicy.DEFAULT)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        Argon2idHash first = Passwords.hash("same".toCharArray(), TestPasswords.CHEAP);
        Argon2idHash second = Passwords.hash("same".toCharArray(), TestPasswords.CHEAP);

        assertThat(first.salt()).isNotEqualTo(second.salt());
        assertThat(first).isNotEqualTo(second);
        assertThat(first.encoded()).isNotEqualTo(second.encoded());
    }

    @Test
    void rehashIsNeededForBcryptAndForOtherParameters() {
        PasswordHash bcrypt = PasswordHash.parse("$2y$05$oer5KwPHIwccINMcSBs5O.fFjo4SurU99vE6erb8a7Tf1ECoQgF/2");
        Argon2idHash cheap = Passwords.hash("pw".toCharArray(), TestPasswords.CHEAP);

        assertThat(bcrypt.needsRehash(PasswordPolicy.DEFAULT)).isTrue();
        assertThat(cheap.needsRehash(PasswordPolicy.DEFAULT)).isTrue();
        assertThat(cheap.needsRehash(TestPasswords.CHEAP)).isFalse();
        PasswordHash shortHash = PasswordHash.parse(
                "$argon2id$v=19$m=64,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$G9pihfd+Yv1rrNz8qqkwjQ");
        assertThat(shortHash.needsRehash(new PasswordPolicy(64, 1, 2))).isTrue();
    }

    @Test
    void aDecoyMatchesNoPassword() {
        Argon2idHash decoy = Passwords.decoy(TestPasswords.CHEAP);

        assertThat(decoy.verify("".toCharArray())).isFalse();
        assertThat(decoy.verify("password".toCharArray())).isFalse();
        assertThat(decoy.memoryKiB()).isEqualTo(64);
        assertThat(Passwords.decoy(PasswordPolicy.DEFAULT).encoded()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void hashesAreImmutableAndTheirToStringHidesTheHash() {
        PasswordHash bcrypt = PasswordHash.parse("$2y$05$oer5KwPHIwccINMcSBs5O.fFjo4SurU99vE6erb8a7Tf1ECoQgF/2");
        assertThat(bcrypt.toString()).isEqualTo("BcryptHash[2y, cost=5]");

        Argon2idHash hash = Passwords.hash("pw".toCharArray(), TestPasswords.CHEAP);
        byte[] salt = hash.salt();
        salt[0] ^= 1;
        byte[] digest = hash.hash();
        digest[0] ^= 1;
        assertThat(hash.verify("pw".toCharArray())).isTrue();
        assertThat(hash.toString()).isEqualTo("Argon2idHash[m=64, t=1, p=1]");

        byte[] source = new byte[16];
        Argon2idHash built = new Argon2idHash(64, 1, 1, source, new byte[32]);
        source[0] = 1;
        assertThat(built.salt()).containsOnly(0);
    }

    @Test
    void equalityComparesContentNotArrayIdentity() {
        Argon2idHash a = new Argon2idHash(64, 1, 1, new byte[16], new byte[32]);
        Argon2idHash b = new Argon2idHash(64, 1, 1, new byte[16], new byte[32]);
        BcryptHash c = new BcryptHash(BcryptHash.Variant.Y, 5, new byte[16], new byte[23]);
        BcryptHash d = new BcryptHash(BcryptHash.Variant.Y, 5, new byte[16], new byte[23]);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(c).isEqualTo(d).hasSameHashCodeAs(d);
        assertThat(c).isNotEqualTo(new BcryptHash(BcryptHash.Variant.A, 5, new byte[16], new byte[23]));
    }

    @Test
    void policiesOutsideArgon2sRangeAreRefused() {
        assertThatThrownBy(() -> new PasswordPolicy(7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(15, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy(64, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordPolicy((1 << 20) + 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PasswordPolicy(16, 1, 2).parallelism()).isEqualTo(2);
    }

    @Test
    void aMissingPasswordIsAnArgumentError() {
        Argon2idHash hash = Passwords.decoy(TestPasswords.CHEAP);
        assertThatThrownBy(() -> hash.verify(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Passwords.hash(null, TestPasswords.CHEAP)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unpairedSurrogatesHashLikeTheirReplacement() {
        Argon2idHash hash = Passwords.hash(new char[]{'a', '\uD800', 'b'}, TestPasswords.CHEAP);

        assertThat(hash.verify("a?b".toCharArray())).isTrue();
    }

    private static void assertVerifies(String encoded, String password) {
        PasswordHash hash = PasswordHash.parse(encoded);
        assertThat(hash.encoded()).isEqualTo(encoded);
        assertThat(hash.verify(password.toCharArray())).as(encoded).isTrue();
        assertThat(hash.verify((password + " ").toCharArray())).isFalse();
        assertThat(hash.verify(password.isEmpty() ? "x".toCharArray() : password.substring(1).toCharArray())).isFalse();
    }
}
