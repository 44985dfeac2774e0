package io.github.todo.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.todo.core.Task;

/**
 * Recently written tasks, kept in memory so an event-loop server can answer a read without
 * touching the database. Bounded (Caffeine's size-based eviction), and write-through: only the
 * single writer changes it, after each commit and in commit order, so it never shows a write of
 * this store late and never holds a row older than the database's.
 *
 * <p>Reads do not fill it. Spread over a table much larger than the cache, every miss evicted
 * another entry, and that churn (eviction work on the reading thread, contended between the I/O
 * threads, and young garbage promoted to the old generation) cost more than the hits saved:
 * 21,000 against 32,000 reads/s over 1.8 million rows, p99 38 ms against 4 ms. A read that misses
 * costs a point read on the reading thread ({@link QuickReads}).
 */
final class TaskCache {

    private final Cache<Long, Task> tasks;

    TaskCache(int maximumSize) {
        // maintenance on the calling thread: no stray work on the common pool, and bounds that hold at once
        this.tasks = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
    }

    /** The task if it is in memory, else {@code null}. */
    Task get(long id) {
        return tasks.getIfPresent(id);
    }

    /** The writer's update for a task it changed, after the commit. */
    void put(Task task) {
        tasks.put(task.id(), task);
    }

    /** The writer's update for a task it deleted, after the commit. */
    void remove(long id) {
        tasks.invalidate(id);
    }

    /** Forgets everything: another connection changed the database behind our back. */
    void clear() {
        tasks.invalidateAll();
    }
}
