package io.stowage.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The builder's command line:
 * {@code --jar PATH --version V (--to-registry HOST:PORT/REPO:TAG [--insecure] | --to-oci-tar FILE.tar) [--source URL]}.
 */
record BuildOptions(Path jar, String version, Target target, Optional<String> source) {

    static final String USAGE = """
            Usage: ContainerImageBuilder --jar PATH --version VERSION TARGET [--source URL]

            TARGET is one of:
              --to-registry HOST[:PORT]/REPOSITORY:TAG [--insecure]
                  push to a registry; credentials, if it needs them, come from the environment variables
                  STOWAGE_IMAGE_USERNAME and STOWAGE_IMAGE_PASSWORD. --insecure allows plain HTTP and unverified TLS
                  (add -DsendCredentialsOverHttp=true to the JVM to send credentials over plain HTTP).
              --to-oci-tar FILE.tar
                  write an OCI image layout archive, e.g. for skopeo copy oci-archive:FILE.tar ...

            --source URL sets the org.opencontainers.image.source label.
            Prints the image digest (sha256:...) on success.
            """;

    /** Where the image goes. */
    sealed interface Target {
    }

    record Registry(String reference, boolean insecure) implements Target {
    }

    record OciTar(Path file) implements Target {
    }

    /** Arguments the builder cannot work with; the message says which, and {@link #USAGE} what it takes. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static BuildOptions parse(String... args) {
        String jar = null;
        String version = null;
        String registry = null;
        String tar = null;
        String source = null;
        boolean insecure = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--insecure")) {
                insecure = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new UsageException(known(name) ? "option " + name + " needs a value" : "unknown option " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--jar" -> jar = value;
                case "--version" -> version = value;
                case "--to-registry" -> registry = value;
                case "--to-oci-tar" -> tar = value;
                case "--source" -> source = value;
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (jar == null || version == null) {
            throw new UsageException("--jar and --version are required");
        }
        if ((registry == null) == (tar == null)) {
            throw new UsageException("give exactly one of --to-registry and --to-oci-tar");
        }
        if (insecure && registry == null) {
            throw new UsageException("--insecure applies to --to-registry only");
        }
        Target target = registry != null ? new Registry(registry, insecure) : new OciTar(Path.of(tar));
        return new BuildOptions(Path.of(jar), version, target, Optional.ofNullable(source));
    }

    private static boolean known(String name) {
        return switch (name) {
            case "--jar", "--version", "--to-registry", "--to-oci-tar", "--source" -> true;
            default -> false;
        };
    }
}
