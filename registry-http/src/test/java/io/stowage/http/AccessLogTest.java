package io.stowage.http;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogTest {

    /** The hand-written formatting of durations says what {@code %.3f} said, except on exact half-microsecond ties. */
    @Property
    void durationsAreMillisecondsWithThreeDecimalsAsFormatWritesThem(
            @ForAll @LongRange(min = 0, max = 3_600_000_000_000L) long nanos) {
        StringBuilder out = new StringBuilder();
        AccessLog.appendMillis(out, nanos);
        if (nanos % 1000 != 500) {
            assertThat(out.toString()).isEqualTo(String.format(Locale.ROOT, "%.3f", nanos / 1e6));
        }
        assertThat(out.toString()).matches("\\d+\\.\\d{3}");
    }
}
