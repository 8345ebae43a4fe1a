package io.stowage.server.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quota sizes as people type them, sizes as people read them, and the usage errors of the lifecycle commands. */
class LifecycleCommandsTest {

    @Test
    void quotasAreBytesWithOptionalDecimalOrBinaryUnits() {
        assertThat(LifecycleCommands.quota("none")).isNull();
        assertThat(LifecycleCommands.quota("NONE")).isNull();
        assertThat(LifecycleCommands.quota("0")).isZero();
        assertThat(LifecycleCommands.quota("1073741824")).isEqualTo(1L << 30);
        assertThat(LifecycleCommands.quota("512B")).isEqualTo(512);
        assertThat(LifecycleCommands.quota("10KB")).isEqualTo(10_000);
        assertThat(LifecycleCommands.quota("10kib")).isEqualTo(10_240);
        assertThat(LifecycleCommands.quota("500MiB")).isEqualTo(500L << 20);
        assertThat(LifecycleCommands.quota("2GB")).isEqualTo(2_000_000_000L);
        assertThat(LifecycleCommands.quota("2G")).isEqualTo(2L << 30);
        assertThat(LifecycleCommands.quota("3 TiB")).isEqualTo(3L << 40);
        assertThat(LifecycleCommands.quota("1PB")).isEqualTo(1_000_000_000_000_000L);
        for (String bad : List.of("", "lots", "1.5GiB", "-1", "10 GiBs", "10iB", "GiB", "0x10", "1e9")) {
            assertThatThrownBy(() -> LifecycleCommands.quota(bad)).as(bad).isInstanceOf(UsageException.class);
        }
        assertThatThrownBy(() -> LifecycleCommands.quota("99999999999999999999")).isInstanceOf(UsageException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> LifecycleCommands.quota("9000000PiB")).isInstanceOf(UsageException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void sizesAreShownInBinaryUnits() {
        assertThat(LifecycleCommands.human(0)).isEqualTo("0 B");
        assertThat(LifecycleCommands.human(1023)).isEqualTo("1023 B");
        assertThat(LifecycleCommands.human(1024)).isEqualTo("1.0 KiB");
        assertThat(LifecycleCommands.human(1536)).isEqualTo("1.5 KiB");
        assertThat(LifecycleCommands.human(500L << 20)).isEqualTo("500.0 MiB");
        assertThat(LifecycleCommands.human(3L << 40)).isEqualTo("3.0 TiB");
        assertThat(LifecycleCommands.human(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void usageNeedsANamespaceOrARepositoryButNotBoth() {
        Result both = run("usage", "team-a", "--repository", "team-a/app");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("usage: stowage usage NAMESPACE | --repository REPOSITORY");
        assertThat(run("usage").exit()).isEqualTo(2);
        Result quota = run("quota", "set", "team-a", "a-lot");
        assertThat(quota.exit()).isEqualTo(2);
        assertThat(quota.err()).contains("whole number of bytes");
        assertThat(run("immutability", "add", "team-a").exit()).isEqualTo(2);
        assertThat(run("tags").exit()).isEqualTo(2);
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs a command against a registry that is not there: usage errors come before any request. */
    private static Result run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(command, List.of(args), Map.of("STOWAGE_PASSWORD", "x", "STOWAGE_REGISTRY",
                        "http://127.0.0.1:9"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
