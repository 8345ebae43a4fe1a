package io.stowage.image;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LddOutputTest {

    @Test
    void readsResolvedLibrariesTheLoaderAndNotFoundOnesAndSkipsTheVdso() {
        String output = """
                \tlinux-vdso.so.1 (0x00007ffd5d7f2000)
                \tlibjli.so => /tmp/work/java/bin/../lib/libjli.so (0x00007f1d3e797000)
                \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1d3e5ab000)
                \tlibjvm.so => not found
                \t/lib64/ld-linux-x86-64.so.2 (0x00007f1d3e7c3000)
                """;

        assertThat(LddOutput.parse(output)).containsExactly(
                new LddOutput.Dependency("libjli.so", Optional.of("/tmp/work/java/bin/../lib/libjli.so")),
                new LddOutput.Dependency("libc.so.6", Optional.of("/lib/x86_64-linux-gnu/libc.so.6")),
                new LddOutput.Dependency("libjvm.so", Optional.empty()),
                new LddOutput.Dependency("ld-linux-x86-64.so.2", Optional.of("/lib64/ld-linux-x86-64.so.2")));
    }

    @Test
    void aStaticallyLinkedFileNeedsNothing() {
        assertThat(LddOutput.parse("\tstatically linked\n")).isEmpty();
    }

    @Test
    void theOldVdsoFormatWithoutAPathIsSkipped() {
        assertThat(LddOutput.parse("\tlinux-gate.so.1 =>  (0xb7f5f000)\n")).isEmpty();
    }
}
