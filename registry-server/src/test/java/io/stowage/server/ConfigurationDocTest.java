package io.stowage.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md must list every setting with its key, variable and default, so the docs never drift. */
class ConfigurationDocTest {

    @Test
    void everySettingIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (Setting s : Setting.ALL) {
            assertThat(doc).as(s.key()).contains("| `" + s.key() + "` | `" + s.environmentVariable() + "` |");
            if (!s.defaultValue().isEmpty()) {
                assertThat(doc).as(s.key() + " default").contains("`" + s.defaultValue() + "`");
            }
        }
    }
}
