package io.stowage.storage.fs;

import io.stowage.storage.ObjectKeys;
import io.stowage.storage.StorageException;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Maps keys to paths strictly inside the root, and refuses paths that pass through a symbolic link: a link planted
 * below the root would otherwise lead reads, writes and deletes anywhere on the machine.
 */
record KeyPaths(Path root) {

    KeyPaths {
        if (!root.isAbsolute() || !root.equals(root.normalize())) {
            throw new IllegalArgumentException("root must be absolute and normalized: " + root);
        }
    }

    /** The path of a valid key; no I/O. */
    Path pathOf(String key) {
        ObjectKeys.requireKey(key);
        Path path = root;
        for (String segment : key.split("/")) {
            path = path.resolve(segment);
        }
        // The grammar already rules out escaping; this is the second lock on the same door.
        if (path.equals(root) || !path.startsWith(root) || !path.equals(path.normalize())) {
            throw new IllegalArgumentException("object key leaves the store: " + key);
        }
        return path;
    }

    /**
     * The path of a valid key, after checking that none of its existing components is a symbolic link. The check
     * stops where the path stops existing, or at a file in the middle of it, below which nothing can exist.
     */
    Path guardedPathOf(String key) {
        Path path = pathOf(key);
        Path current = root;
        for (Path segment : root.relativize(path)) {
            current = current.resolve(segment);
            BasicFileAttributes attributes;
            try {
                // Not Files.readAttributes: a missing file is the common case here, and an exception per look costs
                // more than the look.
                attributes = current.getFileSystem().provider().readAttributesIfExists(current,
                        BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new StorageException("cannot inspect " + current, e);
            }
            if (attributes == null) {
                return path;
            }
            if (attributes.isSymbolicLink()) {
                throw new StorageException("refusing to follow the symbolic link " + current);
            }
            if (!attributes.isDirectory()) {
                return path;
            }
        }
        return path;
    }
}
