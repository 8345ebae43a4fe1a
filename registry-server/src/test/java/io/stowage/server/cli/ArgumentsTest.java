package io.stowage.server.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

    @Test
    void optionsFlagsAndPositionalsInAnyOrder() {
        Arguments args = Arguments.parse(List.of("ci", "--scope", "repository:a/*:pull", "--json",
                "--scope=repository:b/*:push", "--expires", "30d", "--registry=http://h:1"),
                Set.of("--scope", "--expires"), Set.of());
        assertThat(args.positionals()).containsExactly("ci");
        assertThat(args.all("--scope")).containsExactly("repository:a/*:pull", "repository:b/*:push");
        assertThat(args.value("--expires")).contains("30d");
        assertThat(args.value("--registry")).contains("http://h:1");
        assertThat(args.flag("--json")).isTrue();
        assertThat(args.flag("--password-stdin")).isFalse();
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThatThrownBy(() -> Arguments.parse(List.of("--frobnicate"), Set.of(), Set.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option --frobnicate");
        assertThatThrownBy(() -> Arguments.parse(List.of("--scope"), Set.of("--scope"), Set.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Arguments.parse(List.of("--json=yes"), Set.of(), Set.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> Arguments.parse(List.of("--password", "hunter2"), Set.of(), Set.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("never taken on the command line")
                .hasMessageNotContaining("hunter2");
        assertThat(Arguments.parse(List.of("--", "--not-an-option"), Set.of(), Set.of()).positionals())
                .containsExactly("--not-an-option");
    }

    @Test
    void pathsKeepNamespaceSlashesAndEscapeEverythingElse() {
        assertThat(Paths.namespace("org/team-a")).isEqualTo("org/team-a");
        assertThat(Paths.segment("a/b c?")).isEqualTo("a%2Fb%20c%3F");
        assertThat(Paths.query("2026-01-01T00:00:00Z")).isEqualTo("2026-01-01T00%3A00%3A00Z");
    }

    @Test
    void usageErrorsExitWithTwoBeforeAnyPasswordIsNeeded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run("grant", List.of("add", "team-a", "user"), Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: stowage grant add NAMESPACE");
        assertThat(out.size()).isZero();

        err.reset();
        code = Cli.run("user", List.of("list"), Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no password");

        err.reset();
        code = Cli.run("user", List.of("list", "--registry", "ftp://x"), Map.of("STOWAGE_PASSWORD", "p"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--registry must be an http");
    }
}
