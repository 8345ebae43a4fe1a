package io.stowage.storage.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The directories that hold objects: created durably on demand and removed again once empty, so that deleting
 * every object under a key prefix leaves no trace of it below the first level. Directories right under the root (the
 * layout's areas, such as {@code uploads} and {@code blobs}) stay: the upload area empties and fills again with
 * nearly every push, and removing it each time would cost every next push a {@code mkdir} and a sync of the root.
 */
final class Directories {

    private Directories() {
    }

    /**
     * Creates {@code directory} and its missing ancestors below {@code root}, each made durable in its parent.
     * A {@link java.nio.file.NoSuchFileException} means a concurrent {@link #prune} removed an ancestor just
     * created; the caller retries.
     */
    static void create(Path root, Path directory) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = directory; !p.equals(root) && !isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
                Durability.forceDirectory(p.getParent());
            } catch (FileAlreadyExistsException e) {
                if (!isDirectory(p)) {
                    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                        throw e;
                    }
                    // Created by a concurrent writer and pruned again by a concurrent delete between our two looks:
                    // nothing is in the way, so the caller retries as after any concurrent prune.
                    throw new NoSuchFileException(p.toString());
                }
            }
        }
    }

    /**
     * Removes {@code directory} and then its ancestors while they are empty, up to but not including the first level
     * below {@code root}. Best effort: a directory that is not empty, already gone or cannot be removed simply ends
     * the climb.
     */
    static void prune(Path root, Path directory) {
        for (Path p = directory; p != null && p.startsWith(root) && p.getNameCount() > root.getNameCount() + 1;
             p = p.getParent()) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                // Not empty (the usual end), gone already (a concurrent delete pruned it) or not removable.
                return;
            }
        }
    }

    private static boolean isDirectory(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }
}
