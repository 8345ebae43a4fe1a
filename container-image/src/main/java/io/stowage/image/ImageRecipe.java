package io.stowage.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;

/**
 * The Stowage image for one jar, from scratch: a Java runtime made with jlink from the JDK running the build, the
 * C libraries it needs copied from this (linux/amd64, glibc) host, a few system files, and the jar. No base image is
 * pulled and no Docker engine is used.
 *
 * <pre>{@code
 * try (ImageRecipe recipe = ImageRecipe.forJar(jar, "0.1.0")) {
 *     String digest = recipe.containerize(Containerizer.to(RegistryImage.named("host:5000/stowage/server:0.1.0")));
 * }
 * }</pre>
 *
 * The runtime and the other generated files live in a temporary directory until {@link #close()}, because Jib reads
 * layer contents only while it containerizes.
 */
public final class ImageRecipe implements AutoCloseable {

    public static final String TITLE_LABEL = "org.opencontainers.image.title";
    public static final String VERSION_LABEL = "org.opencontainers.image.version";
    public static final String SOURCE_LABEL = "org.opencontainers.image.source";
    public static final Platform PLATFORM = new Platform("amd64", "linux");

    private final Path workDirectory;
    private final JibContainerBuilder builder;

    private ImageRecipe(Path workDirectory, JibContainerBuilder builder) {
        this.workDirectory = workDirectory;
        this.builder = builder;
    }

    /** Runs jdeps, jlink and ldd (a few seconds) and prepares every layer. */
    public static ImageRecipe forJar(Path jar, String version) throws IOException {
        requireLinuxAmd64Host();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no such jar: " + jar);
        }
        Path work = Files.createTempDirectory("stowage-image-");
        try {
            return new ImageRecipe(work, containerFor(jar.toAbsolutePath(), version, work));
        } catch (IOException | RuntimeException e) {
            WorkDirectory.delete(work);
            throw e;
        }
    }

    private static JibContainerBuilder containerFor(Path jar, String version, Path work) throws IOException {
        Path runtime = JlinkRuntime.create(RuntimeModules.of(jar), work.resolve("java"));
        List<Path> binaries = new ArrayList<>(ElfFiles.under(runtime));
        binaries.add(SqliteNativeLibrary.extract(jar, work.resolve("sqlite")));
        SortedMap<AbsoluteUnixPath, Path> libraries = NativeLibraries.neededBy(binaries, work);
        return Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .setPlatforms(Set.of(PLATFORM))
                .addFileEntriesLayer(Layers.nativeLibraries(libraries))
                .addFileEntriesLayer(SystemFiles.layer(work))
                .addFileEntriesLayer(Layers.javaRuntime(runtime))
                .addFileEntriesLayer(Layers.application(jar))
                .setEntrypoint(ImageLayout.entrypoint(JvmOptions.of(jar)))
                .setProgramArguments(ImageLayout.COMMAND)
                .setUser(ImageLayout.OWNERSHIP)
                // The one writable directory: relative paths (the default ./stowage-data) land somewhere usable.
                .setWorkingDirectory(ImageLayout.DATA_DIRECTORY)
                .setExposedPorts(Set.of(Port.tcp(ImageLayout.PORT)))
                // Deliberately no JAVA_TOOL_OPTIONS or other JVM options in the environment: what the JVM runs with
                // is the entrypoint (the shipped jvm.options), in plain sight. An operator changes it with
                // _JAVA_OPTIONS, which java reads after the command line (JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS come
                // before it and lose to the entrypoint's options), or by replacing the entrypoint.
                .setEnvironment(Map.of())
                .setLabels(Map.of(TITLE_LABEL, "stowage", VERSION_LABEL, version));
    }

    /** Adds the {@code org.opencontainers.image.source} label: where the image's source code can be found. */
    public ImageRecipe source(String url) {
        builder.addLabel(SOURCE_LABEL, url);
        return this;
    }

    /** The prepared builder, for callers that adjust it further before {@link #containerize}. */
    public JibContainerBuilder jibBuilder() {
        return builder;
    }

    /**
     * Builds the image and hands it to {@code containerizer}'s target. Jib's layer caches are put in this recipe's
     * work directory, so that nothing is left in the user's home directory.
     *
     * @return the digest of the image manifest, {@code sha256:<hex>}
     */
    public String containerize(Containerizer containerizer) throws IOException, InterruptedException,
            RegistryException, CacheDirectoryCreationException, ExecutionException {
        containerizer.setBaseImageLayersCache(workDirectory.resolve("jib-cache/base"))
                .setApplicationLayersCache(workDirectory.resolve("jib-cache/application"));
        return builder.containerize(containerizer).getDigest().toString();
    }

    @Override
    public void close() throws IOException {
        WorkDirectory.delete(workDirectory);
    }

    /** The libraries come from this host and go into a linux/amd64 image, so the host must be one too. */
    private static void requireLinuxAmd64Host() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.equals("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the image is linux/amd64 and takes its C libraries from the build host, "
                    + "which is " + os + "/" + arch + ": build it on a linux/amd64 (glibc) host");
        }
    }
}
