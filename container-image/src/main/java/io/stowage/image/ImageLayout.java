package io.stowage.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;

import java.util.ArrayList;
import java.util.List;

/**
 * Where things live inside the image and who owns them: the one place the recipe, the system files and the
 * Kubernetes manifests' assumptions ({@code runAsUser}, the data directory) have to agree on.
 */
public final class ImageLayout {

    /** The jlink'd runtime; its {@code bin/java} is the entrypoint, so no shell or PATH lookup is involved. */
    public static final AbsoluteUnixPath JAVA_HOME = AbsoluteUnixPath.get("/opt/java");
    public static final AbsoluteUnixPath APPLICATION_JAR = AbsoluteUnixPath.get("/app/stowage.jar");
    /** The embedded backends' data directory in the default command; the only directory the user may write. */
    public static final AbsoluteUnixPath DATA_DIRECTORY = AbsoluteUnixPath.get("/var/lib/stowage");
    /** sqlite-jdbc extracts its native library into java.io.tmpdir before it can open a database. */
    public static final AbsoluteUnixPath TMP = AbsoluteUnixPath.get("/tmp");

    /** A distroless-style "nonroot" id: not 0, and unlikely to collide with a host user. */
    public static final int USER_ID = 65532;
    public static final String USER_NAME = "stowage";
    public static final String OWNERSHIP = USER_ID + ":" + USER_ID;
    public static final int PORT = 5000;

    public static final List<String> COMMAND = List.of("serve", "--listen", "0.0.0.0:" + PORT,
            "--data", DATA_DIRECTORY.toString());

    private ImageLayout() {
    }

    /**
     * The runtime's java with the shipped JVM options ({@link JvmOptions}, the jar's {@code jvm.options}), then the
     * jar: no shell, so the options are exactly these, in plain sight in the image config.
     */
    public static List<String> entrypoint(List<String> jvmOptions) {
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(JAVA_HOME + "/bin/java");
        entrypoint.addAll(jvmOptions);
        entrypoint.add("-jar");
        entrypoint.add(APPLICATION_JAR.toString());
        return List.copyOf(entrypoint);
    }
}
