package io.github.authentikprovisioner.reconcile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.github.authentikprovisioner.authentik.AuthentikObjects;
import io.github.authentikprovisioner.authentik.Kind;

/**
 * The engine's write locks, one per object of this process: concurrent recipes neither create an object twice nor
 * lose each other's entries in a shared list. Owned by {@link Reconciler}; nothing outside the engine takes them.
 */
final class Locks {

    /** What a lock (and a "written since" mark) belongs to: one object, by kind and resolved natural key. */
    record Key(Kind kind, Map<String, String> key) {
        Key {
            key = Map.copyOf(key);
        }
    }

    private final Map<Key, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** When a writer of this process last released the lock of an object ({@link System#nanoTime()}). */
    private final Map<Key, Long> released = new ConcurrentHashMap<>();

    /** Runs {@code work} while holding the write lock of one object. */
    <T> T exclusively(Key id, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock(true));
        lock.lock();
        try {
            return work.get();
        } finally {
            released.put(id, System.nanoTime());
            lock.unlock();
        }
    }

    /** Whether a writer of this process held the lock of this object after {@code session} read its kind. */
    boolean changedSince(Key id, AuthentikObjects session) {
        Long last = released.get(id);
        return last != null && last - session.readAt(id.kind()) > 0;
    }
}
