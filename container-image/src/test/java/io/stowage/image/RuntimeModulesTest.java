package io.stowage.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeModulesTest {

    @Test
    void takesTheModulesFromJdepsLastLine() {
        assertThat(RuntimeModules.parse("Warning: split package\njava.base,java.desktop, java.sql\n"))
                .containsExactly("java.base", "java.desktop", "java.sql");
    }

    @Test
    void refusesOutputThatIsNotAModuleList() {
        assertThatThrownBy(() -> RuntimeModules.parse("Error: no such file\n"))
                .isInstanceOf(IllegalStateException.class);
    }
}
