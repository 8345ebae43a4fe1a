package io.stowage.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class DrainingInputStreamTest {

    @Test
    void aPeekedByteIsStillReadAndTheEndStaysTheEnd() throws IOException {
        try (DrainingInputStream body = new DrainingInputStream(new ByteArrayInputStream(new byte[]{1, 2, 3}), 1024,
                false)) {
            assertThat(body.peek()).isEqualTo(1);
            assertThat(body.peek()).isEqualTo(1);
            assertThat(body.available()).isEqualTo(3);
            assertThat(body.readAllBytes()).containsExactly(1, 2, 3);
            assertThat(body.peek()).isEqualTo(-1);
            assertThat(body.read()).isEqualTo(-1);
            assertThat(body.read(new byte[4], 0, 4)).isEqualTo(-1);
        }
        try (DrainingInputStream body = new DrainingInputStream(new ByteArrayInputStream(new byte[]{7, 8}), 1024,
                false)) {
            assertThat(body.peek()).isEqualTo(7);
            assertThat(body.read()).isEqualTo(7);
            assertThat(body.read()).isEqualTo(8);
        }
        try (DrainingInputStream body = new DrainingInputStream(new ByteArrayInputStream(new byte[]{7, 8, 9}), 1024,
                false)) {
            body.peek();
            assertThat(body.skip(2)).isEqualTo(2);
            assertThat(body.read()).isEqualTo(9);
        }
    }

    @Test
    void anEmptyBodyPeeksAsTheEnd() throws IOException {
        try (DrainingInputStream body = new DrainingInputStream(new ByteArrayInputStream(new byte[0]), 1024, true)) {
            assertThat(body.bodyNeverRequested()).isTrue();
            assertThat(body.peek()).isEqualTo(-1);
            assertThat(body.bodyNeverRequested()).isFalse();
            assertThat(body.readAllBytes()).isEmpty();
        }
    }
}
