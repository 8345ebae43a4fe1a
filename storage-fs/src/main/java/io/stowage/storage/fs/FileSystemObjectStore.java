package io.stowage.storage.fs;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.ObjectInfo;
import io.stowage.storage.ObjectKeys;
import io.stowage.storage.ObjectNotFoundException;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Objects as plain files under a root directory: key {@code a/b/c} is the file {@code <root>/a/b/c}. Appends write in
 * place and are undone on failure; moves are atomic renames; directories come and go with the objects in them.
 * Holds no state beyond the root, so it is safe for any number of threads.
 */
public final class FileSystemObjectStore implements ObjectStore {

    /** Enough for a directory pruned by concurrent deletes between being created and being used. */
    private static final int ATTEMPTS = 8;
    private static final String STAT_ATTRIBUTES = "unix:isRegularFile,size,lastModifiedTime,ctime,dev,ino";
    /** Whether the platform has the "unix" attribute view (Linux, macOS), which gives the change time. */
    private static final boolean UNIX_ATTRIBUTES =
            FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

    private final Path root;
    private final KeyPaths paths;
    private final MemoryBudget memory;
    private final DirectWrites direct;

    private FileSystemObjectStore(Path root, MemoryBudget memory, DirectWrites direct) {
        this.root = root;
        this.paths = new KeyPaths(root);
        this.memory = memory;
        this.direct = direct;
    }

    /**
     * A store rooted at {@code root}, which is created when missing; appends buffer within the heap's budget and
     * write their large pieces past the page cache where the filesystem allows it.
     */
    public static FileSystemObjectStore open(Path root) {
        return open(root, MemoryBudget.heap(), true);
    }

    /** A store whose appends take their buffers from {@code memory}. */
    public static FileSystemObjectStore open(Path root, MemoryBudget memory) {
        return open(root, memory, true);
    }

    /**
     * A store whose appends take their buffers from {@code memory}, and write the whole blocks of large pieces with
     * {@code O_DIRECT} when {@code directWrites} is set and the filesystem takes it (see {@link DirectWrites}).
     */
    public static FileSystemObjectStore open(Path root, MemoryBudget memory, boolean directWrites) {
        Path absolute = created(root);
        return new FileSystemObjectStore(absolute, Objects.requireNonNull(memory, "memory"),
                directWrites ? DirectWrites.probe(absolute) : DirectWrites.off());
    }

    /** A store with the given direct writes, probed or not: for tests. */
    static FileSystemObjectStore open(Path root, MemoryBudget memory, DirectWrites direct) {
        return new FileSystemObjectStore(created(root), memory, direct);
    }

    private static Path created(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new StorageException("cannot create the storage directory " + absolute, e);
        }
        return absolute;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path file = paths.guardedPathOf(key);
        Optional<BasicFileAttributes> basic = attributes(file).filter(BasicFileAttributes::isRegularFile);
        if (basic.isEmpty() || !UNIX_ATTRIBUTES) {
            return basic.map(a -> new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant(),
                    a.fileKey() == null ? "" : a.fileKey().toString()));
        }
        // Only for an object that exists: the "unix" view has no look without an exception for a missing file, the
        // usual answer for a new upload, and an exception costs more than this second look.
        return unixAttributes(file).filter(a -> Boolean.TRUE.equals(a.get("isRegularFile")))
                .map(a -> new ObjectInfo(key, (Long) a.get("size"),
                        ((FileTime) a.get("lastModifiedTime")).toInstant(), unixVersion(a)));
    }

    /**
     * The version of a file: its device and inode (which file it is) and its change time, which the kernel sets on
     * every write, truncation, rename or attribute change and which, unlike the modification time, no caller can set
     * back. Equal versions mean the same file, unchanged, except for a change made within one tick of the kernel's
     * file clock (milliseconds) of the earlier look.
     */
    private static String unixVersion(Map<String, Object> a) {
        return a.get("dev") + ":" + a.get("ino") + ":" + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
    }

    @Override
    public InputStream read(String key, long offset) {
        return Channels.newInputStream(readChannel(key, offset));
    }

    @Override
    public ReadableByteChannel readChannel(String key, long offset) {
        Path file = paths.guardedPathOf(key);
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        requireObject(file, key);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            throw new StorageException("cannot open " + file, e);
        }
        try {
            if (offset >= channel.size()) {
                // Some platforms refuse to seek far past the end; there is nothing to read there anyway.
                channel.close();
                return Channels.newChannel(InputStream.nullInputStream());
            }
            channel.position(offset);
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw new StorageException("cannot read " + file, e);
        }
        return channel;
    }

    @Override
    public long append(String key, InputStream data) throws IOException {
        Path file = paths.guardedPathOf(key);
        if (data == null) {
            throw new IllegalArgumentException("no data to append");
        }
        return new FileAppend(root, file, memory, direct).run(data);
    }

    @Override
    public void move(String source, String target) {
        Path from = paths.guardedPathOf(source);
        Path to = paths.guardedPathOf(target);
        requireObject(from, source);
        if (from.equals(to)) {
            return;
        }
        try {
            Durability.forceFile(from);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(source);
        } catch (IOException e) {
            throw new StorageException("cannot flush " + from, e);
        }
        if (rename(from, to, source)) {
            try {
                Durability.forceDirectory(to.getParent());
            } catch (IOException e) {
                throw new StorageException("cannot flush the directory of " + to, e);
            }
        }
        Directories.prune(root, from.getParent());
    }

    /** Renames, or removes the source when the target exists already; true when it renamed. */
    private boolean rename(Path from, Path to, String source) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.deleteIfExists(from)) {
                        throw new ObjectNotFoundException(source);
                    }
                    return false;
                }
                Directories.create(root, to.getParent());
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (FileAlreadyExistsException e) {
                // A platform whose rename does not replace: another move got there first; the next round sees it.
                if (attempt == ATTEMPTS) {
                    throw new StorageException("cannot move " + from + " to " + to, e);
                }
            } catch (NoSuchFileException e) {
                if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ObjectNotFoundException(source);
                }
                // The target's directory was pruned by a concurrent delete between being created and being used.
                if (attempt == ATTEMPTS) {
                    throw new StorageException("cannot move " + from + " to " + to, e);
                }
            } catch (IOException e) {
                throw new StorageException("cannot move " + from + " to " + to, e);
            }
        }
    }

    @Override
    public boolean delete(String key) {
        Path file = paths.guardedPathOf(key);
        if (attributes(file).filter(BasicFileAttributes::isRegularFile).isEmpty()) {
            return false;
        }
        boolean deleted;
        try {
            deleted = Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StorageException("cannot delete " + file, e);
        }
        if (deleted) {
            Directories.prune(root, file.getParent());
        }
        return deleted;
    }

    @Override
    public List<String> list(String prefix, String startAfter, int limit) {
        ObjectKeys.requirePrefix(prefix);
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        int slash = prefix.lastIndexOf('/');
        String directoryKey = prefix.substring(0, slash + 1);
        Path directory = directoryKey.isEmpty() ? root
                : paths.guardedPathOf(directoryKey.substring(0, directoryKey.length() - 1));
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            return SortedKeyWalk.list(directory, directoryKey, prefix.substring(slash + 1), startAfter, limit);
        } catch (IOException e) {
            throw new StorageException("cannot list " + directory, e);
        }
    }

    @Override
    public String describe() {
        return "filesystem:" + root;
    }

    /** Whether appends write their large pieces past the page cache. */
    public boolean writesDirect() {
        return direct.enabled();
    }

    /** Bytes appends have written past the page cache since the store was opened. */
    long directlyWrittenBytes() {
        return direct.writtenBytes();
    }

    /** Nothing to release: every operation opens and closes its own files. */
    @Override
    public void close() {
    }

    private static Optional<Map<String, Object>> unixAttributes(Path file) {
        return inspect(file, () -> Files.readAttributes(file, STAT_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
    }

    private static Optional<BasicFileAttributes> attributes(Path file) {
        // Without an exception for a missing file, the usual answer for a new upload.
        return inspect(file, () -> file.getFileSystem().provider().readAttributesIfExists(file,
                BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    private interface Look<A> {
        A at() throws IOException;
    }

    /** What {@code look} finds at {@code file}; empty when nothing is there (null or a missing file). */
    private static <A> Optional<A> inspect(Path file, Look<A> look) {
        try {
            return Optional.ofNullable(look.at());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                // "Not a directory": the path runs through a file, so nothing exists there.
                return Optional.empty();
            }
            throw new StorageException("cannot inspect " + file, e);
        }
    }

    /** A directory (the "directory" of other keys) is not an object. */
    private static void requireObject(Path file, String key) {
        if (attributes(file).filter(BasicFileAttributes::isRegularFile).isEmpty()) {
            throw new ObjectNotFoundException(key);
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
