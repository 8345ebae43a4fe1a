package io.stowage.security;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsProperties {

    @Property(tries = 300)
    void randomSecretsAreUnpaddedBase64UrlOfTheRequestedLength(@ForAll @IntRange(min = 16, max = 1024) int bytes) {
        String secret = Secrets.random(bytes);

        assertThat(secret).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(bytes);
    }

    @Property(tries = 300)
    void tooShortOrTooLongSecretsAreRefused(@ForAll("outOfRangeSizes") int bytes) {
        assertThatThrownBy(() -> Secrets.random(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void randomSecretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Secrets.random(16))).isTrue();
        }
    }

    @Property(tries = 1000)
    void equalAgreesWithStringEquality(@ForAll String a, @ForAll String b) {
        assertThat(Secrets.equal(a, b)).isEqualTo(a.equals(b));
        assertThat(Secrets.equal(a, a)).isTrue();
        assertThat(Secrets.equal(a, b)).isEqualTo(Secrets.equal(b, a));
    }

    @Property(tries = 500)
    void aSecretAndItsNearMissAreNotEqual(@ForAll("secrets") String secret, @ForAll @IntRange(max = 100) int at) {
        int position = at % secret.length();
        char flipped = secret.charAt(position) == 'A' ? 'B' : 'A';
        String nearMiss = secret.substring(0, position) + flipped + secret.substring(position + 1);

        assertThat(Secrets.equal(nearMiss, secret)).isFalse();
        assertThat(Secrets.equal(secret.substring(0, secret.length() - 1), secret)).isFalse();
        assertThat(Secrets.equal(secret + "x", secret)).isFalse();
    }

    @Example
    void nullIsNeverEqual() {
        assertThat(Secrets.equal(null, null)).isFalse();
        assertThat(Secrets.equal(null, "")).isFalse();
        assertThat(Secrets.equal("", null)).isFalse();
        assertThat(Secrets.equal("", "")).isTrue();
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.integers().between(16, 64).map(Secrets::random);
    }

    @Provide
    Arbitrary<Integer> outOfRangeSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(Integer.MIN_VALUE, 15),
                Arbitraries.integers().between(1025, Integer.MAX_VALUE));
    }
}
