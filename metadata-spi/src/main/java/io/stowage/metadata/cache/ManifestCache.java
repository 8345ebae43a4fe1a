package io.stowage.metadata.cache;

import io.stowage.oci.RepositoryName;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What a store answered for a repository and a question about it (a tag's digest, a digest's manifest, a page of its
 * tag list), kept in memory and bounded by an estimate of the bytes held.
 *
 * <p>Exactness rests on generations rather than on finding what to remove. Each repository maps to one of
 * {@link #STRIPES} generation counters. An entry remembers the generation its stripe had <em>before</em> the store
 * was asked, and counts only while that is still the stripe's generation. Every write to a repository bumps its
 * stripe once the store has returned (or failed: it may have committed before failing). So once a write has
 * returned, nothing read before it is served again, and a value loaded while it ran is stored under the old
 * generation, already dead. A read that overlaps a write may see either side of it, as it could from the store.
 * Only values the store found are kept: an absent tag or manifest is asked for again every time.
 *
 * <p>Stale entries are not looked for; they are replaced when read again, or evicted first when the cache is full.
 */
final class ManifestCache {

    /** Generation counters; a write to one repository forgets what the cache holds for about 1/STRIPES of all. */
    static final int STRIPES = 256;

    /** Roughly what an entry costs besides a manifest's bytes (key, entry, record, strings). */
    static final int ENTRY_OVERHEAD = 256;

    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    private final ReentrantLock evicting = new ReentrantLock();
    private final long maxWeight;

    /** {@code question}: a {@link io.stowage.oci.Reference}, or any other value type naming what was asked. */
    private record Key(RepositoryName repository, Object question) {
    }

    private record Entry(long generation, Object value, long weight) {
    }

    /** @param maxWeight the bytes to hold at most (estimated); a single value over a sixteenth of it is never kept */
    ManifestCache(long maxWeight) {
        if (maxWeight <= 0) {
            throw new IllegalArgumentException("maxWeight must be positive: " + maxWeight);
        }
        this.maxWeight = maxWeight;
    }

    /**
     * The answer to {@code question} about {@code repository}: from memory when the stripe's generation has not moved
     * since it was loaded, else from {@code load}, kept when present and when {@code cacheable} (its weight, or a
     * negative number to keep it out) allows.
     */
    <V> Optional<V> get(RepositoryName repository, Object question, Class<V> type, Supplier<Optional<V>> load,
                        Weigher<V> weigher) {
        int stripe = stripe(repository);
        // Read before the store is asked: a write that commits during the load bumps past it.
        long generation = generations.get(stripe);
        Key key = new Key(repository, question);
        Entry entry = entries.get(key);
        if (entry != null && entry.generation() == generation) {
            return Optional.of(type.cast(entry.value()));
        }
        Optional<V> loaded = load.get();
        if (loaded.isPresent()) {
            long w = weigher.weigh(loaded.get());
            if (w >= 0 && w <= maxWeight / 16) {
                put(key, new Entry(generation, loaded.get(), w + ENTRY_OVERHEAD));
            }
        }
        return loaded;
    }

    /** Call after every write to {@code repository} has returned or failed: what was read before it is dead. */
    void invalidate(RepositoryName repository) {
        generations.incrementAndGet(stripe(repository));
    }

    /** The estimated bytes held (for tests). */
    long weight() {
        return weight.get();
    }

    /** How many values are held, dead ones included (for tests). */
    int size() {
        return entries.size();
    }

    private void put(Key key, Entry entry) {
        Entry old = entries.put(key, entry);
        // Each entry's weight is added once when it goes in and taken off once when it leaves (replaced or removed),
        // so the total stays exact under races.
        weight.addAndGet(entry.weight() - (old == null ? 0 : old.weight()));
        if (weight.get() > maxWeight && evicting.tryLock()) {
            try {
                evict();
            } finally {
                evicting.unlock();
            }
        }
    }

    /** Down to three quarters of the bound: dead entries first, then any. */
    private void evict() {
        long target = maxWeight - maxWeight / 4;
        for (boolean deadOnly : new boolean[]{true, false}) {
            Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
            while (weight.get() > target && it.hasNext()) {
                Map.Entry<Key, Entry> e = it.next();
                Entry value = e.getValue();
                boolean dead = value.generation() != generations.get(stripe(e.getKey().repository()));
                if ((dead || !deadOnly) && entries.remove(e.getKey(), value)) {
                    weight.addAndGet(-value.weight());
                }
            }
        }
    }

    private static int stripe(RepositoryName repository) {
        int h = repository.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    /** The bytes a value holds beyond {@link #ENTRY_OVERHEAD}, or a negative number to keep it out of the cache. */
    @FunctionalInterface
    interface Weigher<V> {
        long weigh(V value);
    }
}
