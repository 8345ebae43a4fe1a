package io.stowage.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses what glibc's {@code ldd} prints for one file. Kept apart from running ldd so that the format's cases
 * (resolved, not found, the loader's bare path, the kernel's vDSO) are tested without the host.
 */
final class LddOutput {

    /** One needed library: its name, and the host path the loader would use, if it found one. */
    record Dependency(String name, Optional<String> path) {

        boolean found() {
            return path.isPresent();
        }
    }

    private LddOutput() {
    }

    static List<Dependency> parse(String output) {
        List<Dependency> dependencies = new ArrayList<>();
        for (String raw : output.lines().toList()) {
            String line = withoutLoadAddress(raw.strip());
            if (line.isEmpty() || line.equals("statically linked")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow >= 0) {
                String name = line.substring(0, arrow).strip();
                String target = line.substring(arrow + 2).strip();
                if (target.equals("not found")) {
                    dependencies.add(new Dependency(name, Optional.empty()));
                } else if (!target.isEmpty()) {
                    dependencies.add(new Dependency(name, Optional.of(target)));
                }
                // "name => (0x...)" with no path is the vDSO on older glibc: provided by the kernel, not a file.
            } else if (line.startsWith("/")) {
                // The dynamic loader is printed as its bare path: it is named in the ELF header, not searched for.
                dependencies.add(new Dependency(line.substring(line.lastIndexOf('/') + 1), Optional.of(line)));
            }
            // Anything else without a path ("linux-vdso.so.1") is the vDSO.
        }
        return dependencies;
    }

    /** {@code libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f...)} without the trailing address. */
    private static String withoutLoadAddress(String line) {
        int address = line.lastIndexOf(" (0x");
        return address >= 0 && line.endsWith(")") ? line.substring(0, address).strip() : line;
    }
}
