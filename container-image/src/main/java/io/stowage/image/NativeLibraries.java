package io.stowage.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The build host's C libraries (glibc, its loader, libgcc_s) that the packaged binaries need. Each goes into the
 * image at the path the host's loader resolved, so the loader in the image (the same file, at the path written in
 * every ELF header) finds them in its default directories without an ld.so.cache.
 */
final class NativeLibraries {

    /**
     * glibc opens libgcc_s itself, with dlopen, to unwind a thread that is cancelled or exits through pthread_exit
     * and for backtrace(); no ELF header names it, so ldd cannot report it. A JVM without it fails only when that
     * happens, with "libgcc_s.so.1 must be installed for pthread_exit to work".
     */
    static final List<String> LOADED_AT_RUN_TIME = List.of("libgcc_s.so.1");

    /** Debian's multiarch directories, searched in the loader's order for the libraries named above. */
    static final List<Path> HOST_DIRECTORIES = List.of(Path.of("/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib/x86_64-linux-gnu"));

    private NativeLibraries() {
    }

    /**
     * @param binaries     every ELF file that will be in the image or be loaded in it
     * @param packagedRoot the directory holding those binaries: libraries ldd finds under it are packaged already
     * @return image path → the real host file to copy there
     */
    static SortedMap<AbsoluteUnixPath, Path> neededBy(List<Path> binaries, Path packagedRoot) throws IOException {
        Path root = packagedRoot.toRealPath();
        // A library that ldd cannot find but that is itself packaged (libjvm.so, which the launcher loads by its
        // full path before the JDK's other libraries need it) is not missing.
        Set<String> packagedNames = binaries.stream().map(b -> b.getFileName().toString()).collect(Collectors.toSet());
        List<Path> toInspect = new ArrayList<>(binaries);
        SortedMap<String, Path> libraries = new TreeMap<>();
        for (String name : LOADED_AT_RUN_TIME) {
            Path library = onHost(name);
            libraries.put(library.toString(), library.toRealPath());
            toInspect.add(library);
        }
        for (Path binary : toInspect) {
            for (LddOutput.Dependency dependency : Ldd.dependenciesOf(binary)) {
                if (!dependency.found()) {
                    if (packagedNames.contains(dependency.name())) {
                        continue;
                    }
                    throw new IllegalStateException(binary + " needs " + dependency.name()
                            + ", which this host does not have: install it, or build on a host that has it");
                }
                Path resolved = Path.of(dependency.path().orElseThrow()).normalize();
                if (!resolved.startsWith(root)) {
                    libraries.put(resolved.toString(), resolved.toRealPath());
                }
            }
        }
        SortedMap<AbsoluteUnixPath, Path> byImagePath = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        libraries.forEach((path, file) -> byImagePath.put(AbsoluteUnixPath.get(path), file));
        return byImagePath;
    }

    private static Path onHost(String name) {
        return HOST_DIRECTORIES.stream().map(d -> d.resolve(name)).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not in " + HOST_DIRECTORIES
                        + ": the image would lack it (Debian package libgcc-s1)"));
    }
}
