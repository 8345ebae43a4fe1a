package io.stowage.server;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The value parsers of the configuration: round trips, and any input either parses or is a ConfigException. */
class ConfigProperties {

    @Property(tries = 500)
    void listenAddressesRoundTrip(@ForAll("hosts") String host, @ForAll @IntRange(min = 0, max = 65535) int port) {
        HostPort parsed = HostPort.parse(host + ":" + port);
        assertThat(parsed).isEqualTo(new HostPort(host, port));
        assertThat(HostPort.parse(parsed.toString())).isEqualTo(parsed);
    }

    @Property(tries = 500)
    void ipv6ListenAddressesRoundTrip(@ForAll @IntRange(min = 0, max = 65535) int port) {
        HostPort parsed = HostPort.parse("[::1]:" + port);
        assertThat(parsed).isEqualTo(new HostPort("::1", port));
        assertThat(HostPort.parse(parsed.toString())).isEqualTo(parsed);
    }

    @Property(tries = 1000)
    void anyListenStringParsesOrIsAConfigException(@ForAll String value) {
        try {
            HostPort parsed = HostPort.parse(value);
            assertThat(parsed.port()).isBetween(0, 65535);
        } catch (Config.ConfigException expected) {
            assertThat(expected.getMessage()).contains("listen");
        }
    }

    @Property(tries = 500)
    void durationsRoundTrip(@ForAll @LongRange(min = 0, max = 1_000_000) long n, @ForAll("units") String unit) {
        Duration expected = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        assertThat(duration(n + unit)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void anyDurationStringParsesOrIsAConfigException(@ForAll("durationLike") String value) {
        try {
            assertThat(duration(value).isNegative()).isFalse();
        } catch (Config.ConfigException expected) {
            assertThat(expected.getMessage()).contains(Setting.STOP_TIMEOUT.key());
        }
    }

    private static Duration duration(String value) {
        return Config.load(Optional.empty(), Map.of(Setting.STOP_TIMEOUT.environmentVariable(), value), Map.of())
                .getDuration(Setting.STOP_TIMEOUT);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.oneOf(
                Arbitraries.of("127.0.0.1", "0.0.0.0", "localhost"),
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('.', '-').ofMinLength(1).ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("ms", "s", "m", "h", "d");
    }

    @Provide
    Arbitrary<String> durationLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40)
                        .flatMap(digits -> units().map(unit -> digits + unit)));
    }
}
