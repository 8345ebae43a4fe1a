package io.stowage.image;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JvmOptionsTest {

    @Test
    void readsOptionsAndSkipsComments() {
        assertThat(JvmOptions.parse("# heap\n-Xmx96m   # trailing\n\n  -XX:+UseSerialGC -Xss512k\n# end"))
                .containsExactly("-Xmx96m", "-XX:+UseSerialGC", "-Xss512k");
    }

    @Test
    void refusesWhatJavaWouldReadDifferently() {
        assertThatThrownBy(() -> JvmOptions.parse("-Dx=\"a b\"\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JvmOptions.parse("-jar x.jar\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comesFromTheJarItsImageCarries(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(JvmOptions.ENTRY));
            zip.write("-Xmx64m\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(JvmOptions.of(jar)).isEqualTo(List.of("-Xmx64m"));
    }

    @Test
    void theShippedFileParses() throws IOException {
        Path shipped = Path.of("../registry-server/src/main/resources/jvm.options");
        assertThat(JvmOptions.parse(Files.readString(shipped))).isNotEmpty().allMatch(o -> o.startsWith("-"));
    }
}
