package io.stowage.service.access;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small cache of values read from the metadata store, each kept for a fixed time. It trades exactness across
 * nodes (a change made through another node shows after at most the time to live) for not reading the store on
 * every request; changes made through this node clear it at once. Bounded: past {@code maxEntries} it starts over.
 */
final class TtlCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    TtlCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    V get(K key, Function<K, V> loader) {
        if (ttlNanos <= 0) {
            return loader.apply(key);
        }
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedAt < ttlNanos) {
            return entry.value;
        }
        V value = loader.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now));
        return value;
    }

    /** The value cached for {@code key} and still fresh, or null. */
    V peek(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && System.nanoTime() - entry.loadedAt < ttlNanos ? entry.value : null;
    }

    void put(K key, V value) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, System.nanoTime()));
    }

    void clear() {
        entries.clear();
    }
}
