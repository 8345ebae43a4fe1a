package io.stowage.http.headers;

import io.stowage.oci.error.RangeNotSatisfiableException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeProperties {

    private static final String HUGE = "99999999999999999999999999";

    @Property
    void aSatisfiableSpanIsServedClampedToTheBlob(@ForAll @LongRange(min = 1) long length,
                                                  @ForAll @LongRange(min = 0) long a,
                                                  @ForAll @LongRange(min = 0) long b) {
        long first = a % length;
        long last = first + b % (Long.MAX_VALUE - first);

        ByteRange range = ByteRange.parse("bytes=" + first + "-" + last, length).orElseThrow();

        assertThat(range.first()).isEqualTo(first);
        assertThat(range.last()).isEqualTo(Math.min(last, length - 1));
        assertInside(range, length);
    }

    @Property
    void anOpenSpanRunsToTheEnd(@ForAll @LongRange(min = 1) long length, @ForAll @LongRange(min = 0) long a) {
        long first = a % length;

        ByteRange range = ByteRange.parse("bytes=" + first + "-", length).orElseThrow();

        assertThat(range).isEqualTo(new ByteRange(first, length - 1));
    }

    @Property
    void aSuffixSelectsTheLastBytesOrTheWholeBlob(@ForAll @LongRange(min = 1) long length,
                                                  @ForAll @LongRange(min = 1) long n) {
        ByteRange range = ByteRange.parse("bytes=-" + n, length).orElseThrow();

        assertThat(range.last()).isEqualTo(length - 1);
        assertThat(range.length()).isEqualTo(Math.min(n, length));
        assertInside(range, length);
    }

    @Property
    void aSpanStartingAtOrPastTheEndIsUnsatisfiable(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long length,
                                                    @ForAll @LongRange(min = 0) long beyond,
                                                    @ForAll boolean open) {
        long first = length + beyond % (Long.MAX_VALUE - length);
        String header = "bytes=" + first + "-" + (open ? "" : Long.toString(first));

        assertThatThrownBy(() -> ByteRange.parse(header, length)).isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Property
    void aRangeInsideTheBlobRoundTripsThroughItsHeader(@ForAll("rangesWithLength") long[] rangeAndLength) {
        ByteRange range = new ByteRange(rangeAndLength[0], rangeAndLength[1]);
        long length = rangeAndLength[2];

        assertThat(ByteRange.parse("bytes=" + range.first() + "-" + range.last(), length)).contains(range);
        assertThat(range.contentRangeHeader(length))
                .isEqualTo("bytes " + range.first() + "-" + range.last() + "/" + length);
    }

    @Property
    void arbitraryHeadersOnlyEverFailAsUnsatisfiable(@ForAll("rangeLikeHeaders") String header,
                                                     @ForAll @LongRange(min = 0) long length) {
        checkNeverFailsOtherwise(header, length);
    }

    @Property
    void arbitraryStringsOnlyEverFailAsUnsatisfiable(@ForAll String value, @ForAll @LongRange(min = 0) long length) {
        checkNeverFailsOtherwise(value, length);
        checkNeverFailsOtherwise("bytes=" + value, length);
    }

    @Example
    void headersToIgnore() {
        assertThat(ByteRange.parse(null, 10)).isEmpty();
        assertThat(ByteRange.parse("", 10)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=5-3", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,3-4", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,30-40", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=+1-2", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=1-2-3", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=1 -2", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=\u0661-2", 10)).isEmpty();
        assertThat(ByteRange.parse("bytes 0-1", 10)).isEmpty();
    }

    @Example
    void headersToServe() {
        assertThat(ByteRange.parse("bytes=0-0", 10)).contains(new ByteRange(0, 0));
        assertThat(ByteRange.parse("bytes=9-9", 10)).contains(new ByteRange(9, 9));
        assertThat(ByteRange.parse("BYTES=2-4", 10)).contains(new ByteRange(2, 4));
        assertThat(ByteRange.parse("  bytes=2-4  ", 10)).contains(new ByteRange(2, 4));
        assertThat(ByteRange.parse("bytes= 2-4 ,", 10)).contains(new ByteRange(2, 4));
        assertThat(ByteRange.parse("bytes=002-004", 10)).contains(new ByteRange(2, 4));
        assertThat(ByteRange.parse("bytes=-3", 10)).contains(new ByteRange(7, 9));
        assertThat(ByteRange.parse("bytes=0-", 1)).contains(new ByteRange(0, 0));
    }

    @Example
    void hugeNumbersBehaveLikeVeryLargeOnes() {
        assertThat(ByteRange.parse("bytes=0-" + HUGE, 10)).contains(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=-" + HUGE, 10)).contains(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=" + HUGE + "-" + HUGE.substring(1), 10)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-9223372036854775807", Long.MAX_VALUE))
                .contains(new ByteRange(0, Long.MAX_VALUE - 1));
        assertThatThrownBy(() -> ByteRange.parse("bytes=" + HUGE + "-", 10))
                .isInstanceOf(RangeNotSatisfiableException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=" + HUGE + "-" + HUGE + "9", Long.MAX_VALUE))
                .isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Example
    void unsatisfiableHeaders() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 10)).isInstanceOf(RangeNotSatisfiableException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=10-", 10)).isInstanceOf(RangeNotSatisfiableException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-0", 0)).isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Example
    void aSuffixOfAnEmptyBlobServesTheWholeEmptyBlob() {
        assertThat(ByteRange.parse("bytes=-5", 0)).isEmpty();
    }

    @Example
    void contentRangeHeaders() {
        assertThat(new ByteRange(0, 99).contentRangeHeader(1000)).isEqualTo("bytes 0-99/1000");
        assertThat(ByteRange.unsatisfiedContentRange(1000)).isEqualTo("bytes */1000");
        assertThat(new ByteRange(5, 5).length()).isEqualTo(1);
        assertThatThrownBy(() -> new ByteRange(0, 99).contentRangeHeader(99))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void invalidRangesCannotBeBuilt() {
        assertThatThrownBy(() -> new ByteRange(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(0, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-1", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<long[]> rangesWithLength() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE).flatMap(length ->
                Arbitraries.longs().between(0, length - 1).flatMap(first ->
                        Arbitraries.longs().between(first, length - 1).map(last -> new long[]{first, last, length})));
    }

    @Provide
    Arbitrary<String> rangeLikeHeaders() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1000).map(String::valueOf),
                Arbitraries.longs().greaterOrEqual(0).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(18).ofMaxLength(40),
                Arbitraries.just(""));
        Arbitrary<String> spec = Combinators.combine(number, Arbitraries.of("-", "", "--", " - "), number)
                .as((a, dash, b) -> a + dash + b);
        Arbitrary<String> specs = spec.list().ofMinSize(0).ofMaxSize(3).map(list -> String.join(",", list));
        return Combinators.combine(Arbitraries.of("bytes=", "BYTES=", "bytes", "none=", "", " bytes= "), specs)
                .as(String::concat);
    }

    private static void checkNeverFailsOtherwise(String header, long length) {
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(header, length);
        } catch (RangeNotSatisfiableException e) {
            return;
        }
        range.ifPresent(r -> assertInside(r, length));
    }

    private static void assertInside(ByteRange range, long length) {
        assertThat(range.first()).isBetween(0L, range.last());
        assertThat(range.last()).isLessThan(length);
        assertThat(range.length()).isEqualTo(range.last() - range.first() + 1);
    }
}
