package io.stowage.http.headers;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadRangeProperties {

    @Property
    void theRangeEndsAtTheLastByteReceived(@ForAll @LongRange(min = 1) long received) {
        String header = UploadRange.of(received);

        ChunkRange range = ChunkRange.parse(header);
        assertThat(range.start()).isZero();
        assertThat(range.length()).isEqualTo(received);
    }

    @Example
    void anEmptySessionReportsZeroToZero() {
        assertThat(UploadRange.of(0)).isEqualTo("0-0");
        assertThat(UploadRange.of(1)).isEqualTo("0-0");
        assertThat(UploadRange.of(1024)).isEqualTo("0-1023");
        assertThat(UploadRange.of(Long.MAX_VALUE)).isEqualTo("0-9223372036854775806");
    }

    @Example
    void aNegativeCountIsAProgrammingError() {
        assertThatThrownBy(() -> UploadRange.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
