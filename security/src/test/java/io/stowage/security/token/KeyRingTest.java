package io.stowage.security.token;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.security.token.TokenFixture.EDDSA_KEY;
import static io.stowage.security.token.TokenFixture.ES256_KEY;
import static io.stowage.security.token.TokenFixture.OTHER_EDDSA_KEY;
import static io.stowage.security.token.TokenFixture.OTHER_ES256_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRingTest {

    @Test
    void rotationMakesTheNewKeyCurrentAndKeepsTheOldOnesForVerification() {
        KeyRing ring = KeyRing.of(ES256_KEY).rotate(EDDSA_KEY).rotate(OTHER_ES256_KEY);

        assertThat(ring.current()).isEqualTo(OTHER_ES256_KEY);
        assertThat(ring.previous()).containsExactly(EDDSA_KEY, ES256_KEY);
        assertThat(ring.keys()).containsExactly(OTHER_ES256_KEY, EDDSA_KEY, ES256_KEY);
        assertThat(ring.verificationKeys()).extracting(VerificationKey::kid)
                .containsExactly(OTHER_ES256_KEY.kid(), EDDSA_KEY.kid(), ES256_KEY.kid());
    }

    @Test
    void retiringDropsAPreviousKeyOnly() {
        KeyRing ring = KeyRing.of(ES256_KEY).rotate(EDDSA_KEY).rotate(OTHER_ES256_KEY);

        KeyRing retired = ring.retire(ES256_KEY.kid());

        assertThat(retired.keys()).containsExactly(OTHER_ES256_KEY, EDDSA_KEY);
        assertThat(retired.retire("no-such-kid")).isSameAs(retired);
        assertThat(ring.keys()).hasSize(3);
        assertThatThrownBy(() -> ring.retire(OTHER_ES256_KEY.kid())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rotate");
    }

    @Test
    void aKidCanAppearOnlyOnce() {
        KeyRing ring = KeyRing.of(ES256_KEY).rotate(EDDSA_KEY);

        assertThatThrownBy(() -> ring.rotate(ES256_KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.rotate(EDDSA_KEY)).isInstanceOf(IllegalArgumentException.class);
        SigningKey sameKidOtherKey = new SigningKey(ES256_KEY.kid(), Algorithm.EDDSA, OTHER_EDDSA_KEY.keyPair(),
                OTHER_EDDSA_KEY.createdAt());
        assertThatThrownBy(() -> ring.rotate(sameKidOtherKey)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyRing(ES256_KEY, List.of(EDDSA_KEY, EDDSA_KEY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyRing(null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRingIsImmutable() {
        KeyRing ring = KeyRing.of(ES256_KEY).rotate(EDDSA_KEY);

        assertThatThrownBy(() -> ring.previous().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ring.keys().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new KeyRing(ES256_KEY, null).previous()).isEmpty();
    }

    @Test
    void theJwksOfARingPublishesEveryKeyCurrentFirst() {
        KeyRing ring = KeyRing.of(ES256_KEY).rotate(EDDSA_KEY);

        assertThat(Jwks.parse(Jwks.render(ring.keys()))).isEqualTo(ring.verificationKeys());
    }
}
