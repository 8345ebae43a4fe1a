package io.stowage.service;

import java.util.concurrent.locks.ReentrantLock;

/** A fixed set of locks chosen by key hash: serialises work on one key without a lock per key ever created. */
final class StripedLocks {

    private final ReentrantLock[] locks;

    StripedLocks(int stripes) {
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock forKey(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }
}
