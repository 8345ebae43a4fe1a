package io.stowage.service;

import io.stowage.storage.ObjectInfo;
import io.stowage.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * An object store that passes every call to another, for tests that change one behaviour of a real store (subclasses
 * override that method). Closing it leaves the wrapped store open: the test owns that one.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

    protected final ObjectStore store;

    protected ForwardingObjectStore(ObjectStore store) {
        this.store = store;
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
