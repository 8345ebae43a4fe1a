package io.stowage.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void defaultsJustWork() {
        Config config = Config.load(Optional.empty(), Map.of(), Map.of());
        assertThat(config.listen()).isEqualTo(new HostPort("127.0.0.1", 5000));
        assertThat(config.dataDirectory()).isEqualTo(Path.of("stowage-data").toAbsolutePath());
        assertThat(config.blobRoot()).isEqualTo(config.dataDirectory().resolve("blobs"));
        assertThat(config.sqlitePath()).isEqualTo(config.dataDirectory().resolve("metadata.db"));
        assertThat(config.getDuration(Setting.STOP_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stowage.yaml");
        Files.writeString(file, "listen: 127.0.0.1:6000\ndata: /from-file\nhttp:\n  stopTimeout: 5s\n");
        Config config = Config.load(Optional.of(file), Map.of("STOWAGE_DATA", "/from-env", "STOWAGE_LISTEN", "127.0.0.1:7000"),
                Map.of("listen", "127.0.0.1:8000"));
        assertThat(config.listen().port()).isEqualTo(8000);
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/from-env"));
        assertThat(config.getDuration(Setting.STOP_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void unknownKeysInTheFileAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stowage.yaml");
        Files.writeString(file, "listn: 127.0.0.1:6000\n");
        assertThatThrownBy(() -> Config.load(Optional.of(file), Map.of(), Map.of()))
                .isInstanceOf(Config.ConfigException.class).hasMessageContaining("listn");
    }

    @Test
    void environmentVariableNamesFollowTheKeyPath() {
        assertThat(new Setting("storage.s3.accessKey", "", "").environmentVariable())
                .isEqualTo("STOWAGE_STORAGE_S3_ACCESS_KEY");
        assertThat(Setting.STOP_TIMEOUT.environmentVariable()).isEqualTo("STOWAGE_HTTP_STOP_TIMEOUT");
    }

    @Test
    void badValuesSayWhatIsWrong() {
        assertThatThrownBy(() -> Config.load(Optional.empty(), Map.of("STOWAGE_LISTEN", "nowhere"), Map.of()).listen())
                .isInstanceOf(Config.ConfigException.class).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> Config.load(Optional.empty(), Map.of("STOWAGE_HTTP_STOP_TIMEOUT", "soon"), Map.of())
                .getDuration(Setting.STOP_TIMEOUT)).isInstanceOf(Config.ConfigException.class);
        assertThat(HostPort.parse("[::1]:5000")).isEqualTo(new HostPort("::1", 5000));
    }

    @Test
    void tlsIsOffUnlessBothFilesAreNamedAndNeedsBoth() {
        assertThat(Config.load(Optional.empty(), Map.of(), Map.of()).tls()).isEmpty();
        assertThat(Config.load(Optional.empty(), Map.of("STOWAGE_TLS_CERTIFICATE", " ", "STOWAGE_TLS_KEY", ""),
                Map.of()).tls()).isEmpty();

        var tls = Config.load(Optional.empty(), Map.of("STOWAGE_TLS_CERTIFICATE", "/etc/tls/tls.crt",
                "STOWAGE_TLS_KEY", "/etc/tls/tls.key", "STOWAGE_TLS_RELOAD_INTERVAL", "1m"), Map.of()).tls();
        assertThat(tls).hasValueSatisfying(files -> {
            assertThat(files.certificate()).isEqualTo(Path.of("/etc/tls/tls.crt"));
            assertThat(files.key()).isEqualTo(Path.of("/etc/tls/tls.key"));
            assertThat(files.reloadInterval()).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(Config.load(Optional.empty(), Map.of("STOWAGE_TLS_CERTIFICATE", "a.crt", "STOWAGE_TLS_KEY", "a.key"),
                Map.of()).tls().orElseThrow().reloadInterval()).isEqualTo(Duration.ofSeconds(10));

        assertThatThrownBy(() -> Config.load(Optional.empty(), Map.of("STOWAGE_TLS_CERTIFICATE", "/etc/tls/tls.crt"),
                Map.of()).tls()).isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("tls.key is not set (environment variable STOWAGE_TLS_KEY)");
        assertThatThrownBy(() -> Config.load(Optional.empty(), Map.of("STOWAGE_TLS_KEY", "/etc/tls/tls.key"),
                Map.of()).tls()).isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("tls.certificate is not set");
        assertThatThrownBy(() -> Config.load(Optional.empty(), Map.of("STOWAGE_TLS_CERTIFICATE", "a.crt",
                "STOWAGE_TLS_KEY", "a.key", "STOWAGE_TLS_RELOAD_INTERVAL", "0s"), Map.of()).tls())
                .isInstanceOf(Config.ConfigException.class).hasMessageContaining("tls.reloadInterval");
    }
}
