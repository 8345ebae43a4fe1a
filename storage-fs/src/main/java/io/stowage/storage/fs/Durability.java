package io.stowage.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync of files and of directories, whose entries (new names, renames) are only durable once forced. */
final class Durability {

    private Durability() {
    }

    /** Opened for writing because some platforms refuse to flush a file opened read-only. */
    static void forceFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            channel.force(true);
        }
    }

    static void forceDirectory(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory at all; there, renames are durable by other means.
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
