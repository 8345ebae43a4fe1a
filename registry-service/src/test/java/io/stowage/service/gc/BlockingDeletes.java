package io.stowage.service.gc;

import io.stowage.service.ForwardingObjectStore;
import io.stowage.storage.ObjectStore;

import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A store whose batch deletes wait until released, so a test can look at a collection in the middle of its run. */
final class BlockingDeletes extends ForwardingObjectStore {

    private final CountDownLatch inside;
    private final CountDownLatch release;

    BlockingDeletes(ObjectStore store, CountDownLatch inside, CountDownLatch release) {
        super(store);
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








}
