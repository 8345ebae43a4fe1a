package io.stowage.service.gc;

import io.stowage.storage.ObjectInfo;
import io.stowage.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A store whose batch deletes wait until released, so a test can look at a collection in the middle of its run. */
final class BlockingDeletes implements ObjectStore {

    private final ObjectStore store;
    private final CountDownLatch inside;
    private final CountDownLatch release;

    BlockingDeletes(ObjectStore store, CountDownLatch inside, CountDownLatch release) {
        this.store = store;
        this.inside = inside;
        this.release = release;
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        inside.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        store.deleteAll(keys);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        return store.stat(key);
    }

    @Override
    public InputStream read(String key, long offset) {
        return store.read(key, offset);
    }

    @Override
    public long append(String key, InputStream data) throws IOException {
        return store.append(key, data);
    }

    @Override
    public void move(String source, String target) {
        store.move(source, target);
    }

    @Override
    public boolean delete(String key) {
        return store.delete(key);
    }

    @Override
    public List<String> list(String prefix, String startAfter, int limit) {
        return store.list(prefix, startAfter, limit);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
    }
}
