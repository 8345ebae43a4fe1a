package io.stowage.storage.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists keys in lexical order straight from the tree, without collecting every key first. Each directory's entries
 * are sorted by the string their keys start with: a file's key, or a directory's key plus '/'. Two such strings
 * either differ at a position both have, which orders every key below them the same way, or the shorter one is a
 * file's whole key, which comes before everything extending it; so a depth-first walk in that order yields the keys
 * sorted, and whole subtrees before {@code startAfter} are skipped unread.
 *
 * <p>Only regular files and real directories count: dot-names (never valid keys) and symbolic links are ignored.
 */
final class SortedKeyWalk {

    private record Entry(String sortKey, Path path, boolean directory) {
    }

    private final String startAfter;
    private final int limit;
    private final List<String> keys = new ArrayList<>();

    private SortedKeyWalk(String startAfter, int limit) {
        this.startAfter = startAfter;
        this.limit = limit;
    }

    /**
     * Keys in {@code directory} (whose own key prefix is {@code keyPrefix}, "" or ending in '/') whose names there
     * start with {@code namePrefix}, after {@code startAfter}, at most {@code limit}.
     */
    static List<String> list(Path directory, String keyPrefix, String namePrefix, String startAfter, int limit)
            throws IOException {
        SortedKeyWalk walk = new SortedKeyWalk(startAfter, limit);
        walk.visit(directory, keyPrefix, namePrefix);
        return List.copyOf(walk.keys);
    }

    private void visit(Path directory, String keyPrefix, String namePrefix) throws IOException {
        for (Entry entry : entries(directory, keyPrefix, namePrefix)) {
            if (keys.size() >= limit) {
                return;
            }
            if (!entry.directory()) {
                if (isAfterStart(entry.sortKey())) {
                    keys.add(entry.sortKey());
                }
            } else if (mayHoldKeysAfterStart(entry.sortKey())) {
                visit(entry.path(), entry.sortKey(), "");
            }
        }
    }

    private List<Entry> entries(Path directory, String keyPrefix, String namePrefix) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (name.startsWith(".") || !name.startsWith(namePrefix)) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (attributes.isRegularFile()) {
                    entries.add(new Entry(keyPrefix + name, child, false));
                } else if (attributes.isDirectory()) {
                    entries.add(new Entry(keyPrefix + name + "/", child, true));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            // Pruned by a concurrent delete, or never there: no keys.
            return List.of();
        }
        entries.sort(Comparator.comparing(Entry::sortKey));
        return entries;
    }

    private boolean isAfterStart(String key) {
        return startAfter == null || key.compareTo(startAfter) > 0;
    }

    /** Every key below {@code directoryPrefix} starts with it, so they all sort before a larger, unrelated start. */
    private boolean mayHoldKeysAfterStart(String directoryPrefix) {
        return startAfter == null || directoryPrefix.compareTo(startAfter) > 0
                || startAfter.startsWith(directoryPrefix);
    }
}
