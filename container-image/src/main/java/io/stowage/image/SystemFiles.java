package io.stowage.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The little of an operating system that a JVM on glibc expects besides its libraries: the user it runs as, name
 * service configuration, a temporary directory and the data directory.
 */
final class SystemFiles {

    /** glibc looks the user up for user.home and user.name; an unknown uid works but logs "?" names. */
    static final String PASSWD = """
            root:x:0:0:root:/root:/sbin/nologin
            %1$s:x:%2$d:%2$d:Stowage registry:%3$s:/sbin/nologin
            """.formatted(ImageLayout.USER_NAME, ImageLayout.USER_ID, ImageLayout.DATA_DIRECTORY);
    static final String GROUP = """
            root:x:0:
            %1$s:x:%2$d:
            """.formatted(ImageLayout.USER_NAME, ImageLayout.USER_ID);
    /**
     * Without it glibc's defaults apply, which differ between versions; with it, host names resolve through
     * /etc/hosts and then DNS (both built into glibc since 2.34, so no libnss_* module is needed).
     */
    static final String NSSWITCH = """
            passwd: files
            group: files
            hosts: files dns
            """;

    private static final FilePermissions READ_ONLY = FilePermissions.fromOctalString("644");
    /**
     * /tmp should be 1777, but Jib's FilePermissions takes only the nine rwx bits, so the sticky bit cannot be set.
     * It protects users' files from each other; in this image only one user exists.
     */
    private static final FilePermissions WORLD_WRITABLE = FilePermissions.fromOctalString("777");
    private static final FilePermissions OWNER_AND_GROUP = FilePermissions.fromOctalString("750");

    private SystemFiles() {
    }

    /** Writes the files under {@code workDirectory} (Jib reads layer contents from files) and returns the layer. */
    static FileEntriesLayer layer(Path workDirectory) throws IOException {
        Path etc = Files.createDirectories(workDirectory.resolve("etc"));
        Path emptyDirectory = Files.createDirectories(workDirectory.resolve("empty"));
        return FileEntriesLayer.builder().setName("system-files")
                .addEntry(Files.writeString(etc.resolve("passwd"), PASSWD), AbsoluteUnixPath.get("/etc/passwd"),
                        READ_ONLY)
                .addEntry(Files.writeString(etc.resolve("group"), GROUP), AbsoluteUnixPath.get("/etc/group"),
                        READ_ONLY)
                .addEntry(Files.writeString(etc.resolve("nsswitch.conf"), NSSWITCH),
                        AbsoluteUnixPath.get("/etc/nsswitch.conf"), READ_ONLY)
                .addEntry(emptyDirectory, ImageLayout.TMP, WORLD_WRITABLE)
                .addEntry(emptyDirectory, ImageLayout.DATA_DIRECTORY, OWNER_AND_GROUP,
                        FileEntriesLayer.DEFAULT_MODIFICATION_TIME, ImageLayout.OWNERSHIP)
                .build();
    }
}
