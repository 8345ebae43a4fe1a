package io.stowage.metadata.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for a WAL-mode SQLite file whose writer runs with {@code synchronous=NORMAL}: a commit writes its
 * frames to the WAL without syncing, and the transactions that must be durable before they return wait here for one
 * {@code fdatasync} of the WAL file that started after their commit. One sync covers every commit before it, so
 * concurrent writers share syncs, and none is made while the write lock is held (with {@code synchronous=FULL}
 * SQLite syncs inside {@code COMMIT}, and every other writer waits for it).
 *
 * <p>Why this is as durable as {@code FULL}: the WAL is written in commit order, so syncing the file makes every
 * committed frame in it durable; frames a checkpoint has already copied into the database were synced there by that
 * checkpoint (in {@code NORMAL} mode SQLite syncs the WAL before a checkpoint and the database after it) before the
 * WAL can be restarted over them. A change that did not wait (upload sessions, claims: see
 * {@link io.stowage.metadata.jdbc.Transactions#writeUnsynced}) becomes durable with the next one that did. The WAL
 * file is never replaced while the writer connection is open (SQLite deletes it only when the last connection
 * closes), so the channel opened here stays on the right file for the store's lifetime.
 */
final class WalSync implements AutoCloseable {

    /** The sync itself: an fdatasync of the WAL in production, anything in a test. */
    interface Syncer {
        void sync() throws IOException;
    }

    private final Syncer syncer;
    private final AutoCloseable resource;
    private final AtomicLong committed = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private long synced;
    private boolean syncing;

    WalSync(Syncer syncer, AutoCloseable resource) {
        this.syncer = syncer;
        this.resource = resource;
    }

    /**
     * Opens the WAL of {@code databaseFile}, which the writer connection has already created, and makes its directory
     * entry durable once (SQLite would have synced the directory at its first sync of the file).
     */
    static WalSync open(Path databaseFile) throws IOException {
        Path wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        if (!Files.isRegularFile(wal)) {
            throw new IOException("no write-ahead log at " + wal);
        }
        FileChannel channel = FileChannel.open(wal, StandardOpenOption.READ);
        try {
            channel.force(false);
            try (FileChannel directory = FileChannel.open(wal.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new WalSync(() -> channel.force(false), channel);
    }

    /** Called by the writer, under the write lock, right after each {@code COMMIT}: the commit's sequence number. */
    long committed() {
        return committed.incrementAndGet();
    }

    /**
     * Syncs the commits nobody waited for (upload sessions, claims, audit events) when there are any, so that they
     * reach the disk within one period of the store's background flush even when no durable commit follows.
     */
    void syncUnsynced() throws IOException {
        long last = committed.get();
        lock.lock();
        try {
            if (synced >= last) {
                return;
            }
        } finally {
            lock.unlock();
        }
        await(last);
    }

    /** Returns once a sync that started after commit {@code sequence} has finished. */
    void await(long sequence) throws IOException {
        lock.lock();
        try {
            while (synced < sequence) {
                if (syncing) {
                    finished.awaitUninterruptibly();
                    continue;
                }
                syncing = true;
                long covered = committed.get();
                lock.unlock();
                IOException failure = null;
                try {
                    syncer.sync();
                } catch (IOException e) {
                    failure = e;
                } finally {
                    lock.lock();
                    syncing = false;
                    finished.signalAll();
                }
                if (failure != null) {
                    throw failure;
                }
                synced = Math.max(synced, covered);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}
