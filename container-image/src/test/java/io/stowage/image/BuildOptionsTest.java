package io.stowage.image;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildOptionsTest {

    @Test
    void registryTargetWithInsecure() {
        BuildOptions options = BuildOptions.parse("--jar", "s.jar", "--version", "1.0", "--insecure",
                "--to-registry", "127.0.0.1:5000/stowage/server:1.0");

        assertThat(options).isEqualTo(new BuildOptions(Path.of("s.jar"), "1.0",
                new BuildOptions.Registry("127.0.0.1:5000/stowage/server:1.0", true), Optional.empty()));
    }

    @Test
    void ociArchiveTargetWithSource() {
        BuildOptions options = BuildOptions.parse("--jar", "s.jar", "--version", "1.0", "--to-oci-tar", "i.tar",
                "--source", "https://example.org/stowage");

        assertThat(options.target()).isEqualTo(new BuildOptions.OciTar(Path.of("i.tar")));
        assertThat(options.source()).contains("https://example.org/stowage");
    }

    @Test
    void exactlyOneTarget() {
        assertThatThrownBy(() -> BuildOptions.parse("--jar", "s.jar", "--version", "1"))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> BuildOptions.parse("--jar", "s.jar", "--version", "1", "--to-oci-tar", "a.tar",
                "--to-registry", "h/r:t")).hasMessageContaining("exactly one");
    }

    @Test
    void insecureOnlyForRegistries() {
        assertThatThrownBy(() -> BuildOptions.parse("--jar", "s.jar", "--version", "1", "--to-oci-tar", "a.tar",
                "--insecure")).hasMessageContaining("--to-registry only");
    }

    @Test
    void namesUnknownAndIncompleteOptions() {
        assertThatThrownBy(() -> BuildOptions.parse("--jar", "s.jar", "--tag", "x"))
                .hasMessage("unknown option --tag");
        assertThatThrownBy(() -> BuildOptions.parse("--jar")).hasMessage("option --jar needs a value");
    }
}
