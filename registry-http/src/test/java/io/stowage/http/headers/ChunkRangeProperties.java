package io.stowage.http.headers;

import io.stowage.oci.error.RangeNotSatisfiableException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkRangeProperties {

    @Property
    void theSpecFormRoundTrips(@ForAll("chunks") ChunkRange chunk) {
        assertThat(ChunkRange.parse(chunk.toHeaderValue())).isEqualTo(chunk);
        assertThat(chunk.toHeaderValue()).matches("^[0-9]+-[0-9]+$");
        assertThat(chunk.length()).isEqualTo(chunk.end() - chunk.start() + 1).isPositive();
    }

    @Property
    void theRfcFormsMeanTheSame(@ForAll("chunks") ChunkRange chunk, @ForAll @LongRange(min = 1) long extra) {
        long total = chunk.end() + 1 + extra % (Long.MAX_VALUE - chunk.end());
        String range = chunk.start() + "-" + chunk.end();

        assertThat(ChunkRange.parse("bytes " + range + "/" + total)).isEqualTo(chunk);
        assertThat(ChunkRange.parse("bytes " + range + "/*")).isEqualTo(chunk);
        assertThat(ChunkRange.parse("bytes=" + range)).isEqualTo(chunk);
        assertThat(ChunkRange.parse(range + "/" + total)).isEqualTo(chunk);
    }

    @Property
    void anEndBeforeTheStartIsRejected(@ForAll @LongRange(min = 1) long start, @ForAll @LongRange(min = 0) long below) {
        long end = below % start;

        assertThatThrownBy(() -> ChunkRange.parse(start + "-" + end)).isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Property
    void aStringWithoutDigitsIsRejected(@ForAll String garbage) {
        String noDigits = garbage.replaceAll("[0-9]", "");

        assertThatThrownBy(() -> ChunkRange.parse(noDigits)).isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Property
    void aDashedPairWithAForeignCharacterIsRejected(@ForAll("chunks") ChunkRange chunk,
                                                    @ForAll("foreign") char c,
                                                    @ForAll("positions") double where) {
        String value = chunk.toHeaderValue();
        int at = (int) (where * (value.length() + 1));
        String spoiled = value.substring(0, at) + c + value.substring(at);

        assertThatThrownBy(() -> ChunkRange.parse(spoiled)).isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Property
    void arbitraryStringsOnlyEverFailAsUnsatisfiable(@ForAll String value) {
        try {
            ChunkRange chunk = ChunkRange.parse(value);
            assertThat(chunk.start()).isBetween(0L, chunk.end());
        } catch (RangeNotSatisfiableException expected) {
            // the only failure allowed
        }
    }

    @Example
    void malformedHeaders() {
        for (String header : new String[]{"", " ", "0", "0-", "-5", "-1-5", "a-b", "1 - 2", "0-5/5", "0-5/x",
                "bytes0-5", "bytes 0-5/", "0-99999999999999999999", "99999999999999999999-99999999999999999999",
                "0-9223372036854775807", "0-5/99999999999999999999", "+0-5", "0-+5", "0x1-5", "0-5,6-7"}) {
            assertThatThrownBy(() -> ChunkRange.parse(header))
                    .as(header)
                    .isInstanceOf(RangeNotSatisfiableException.class);
        }
        assertThatThrownBy(() -> ChunkRange.parse(null)).isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Example
    void wellFormedHeaders() {
        assertThat(ChunkRange.parse("0-0")).isEqualTo(new ChunkRange(0, 0));
        assertThat(ChunkRange.parse(" 10-19 ")).isEqualTo(new ChunkRange(10, 19));
        assertThat(ChunkRange.parse("Bytes 10-19/20")).isEqualTo(new ChunkRange(10, 19));
        assertThat(ChunkRange.parse("0-9223372036854775806")).isEqualTo(new ChunkRange(0, Long.MAX_VALUE - 1));
        assertThat(ChunkRange.parse("00010-00019").length()).isEqualTo(10);
    }

    @Provide
    Arbitrary<ChunkRange> chunks() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE - 1).flatMap(start ->
                Arbitraries.oneOf(
                        Arbitraries.longs().between(start, start + Math.min(1_000_000, Long.MAX_VALUE - 1 - start)),
                        Arbitraries.longs().between(start, Long.MAX_VALUE - 1)
                ).map(end -> new ChunkRange(start, end)));
    }

    @Provide
    Arbitrary<Character> foreign() {
        // Leading and trailing whitespace and control characters are trimmed, so they are not foreign.
        return Arbitraries.chars().filter(c -> c > ' ' && !Character.isWhitespace(c) && "0123456789".indexOf(c) < 0);
    }

    @Provide
    Arbitrary<Double> positions() {
        return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
    }
}
