package io.stowage.server.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage errors of {@code stowage retention}, which come before any request. */
class RetentionCommandsTest {

    @Test
    void usageErrorsAreExit2BeforeAnyRequest() {
        assertThat(run("retention").exit()).isEqualTo(2);
        assertThat(run("retention", "list").exit()).isEqualTo(2);
        assertThat(run("retention", "add").exit()).isEqualTo(2);
        assertThat(run("retention", "remove", "team-a").exit()).isEqualTo(2);
        assertThat(run("retention", "enable", "team-a").exit()).isEqualTo(2);
        assertThat(run("retention", "run", "a", "b").exit()).isEqualTo(2);
        assertThat(run("retention", "add", "team-a", "--keep-forever").exit()).isEqualTo(2);
        Result keep = run("retention", "add", "team-a", "--keep-last", "many");
        assertThat(keep.exit()).isEqualTo(2);
        assertThat(keep.err()).contains("--keep-last takes a whole number");
        Result unknown = run("retention", "purge");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("stowage retention run [NAMESPACE] [--dry-run]");
    }

    private record Result(int exit, String out, String err) {
    }

    /** Against a registry that is not there. */
    private static Result run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(command, List.of(args), Map.of("STOWAGE_REGISTRY", "http://127.0.0.1:1",
                        "STOWAGE_PASSWORD", "x"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
