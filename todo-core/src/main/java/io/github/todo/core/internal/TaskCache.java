package io.github.todo.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.todo.core.Task;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recently used tasks, kept in memory so an event-loop server can answer a read without leaving
 * its I/O thread. Bounded (Caffeine's size-based eviction), and write-through: the single writer
 * updates it after each commit, in commit order, so it never shows a write of this store late.
 *
 * <p>Readers fill it from the database, which races with the writer: a read that began before a
 * commit may return the old row after the writer has already updated the cache. A generation
 * counter, bumped after every commit and before the writer touches the cache, settles it: a reader
 * stores its row only if no commit happened since it started, and does so atomically with respect
 * to the writer's update of the same key. The writer bumps the generation before it touches an
 * entry, so a stale row either sees the bump and is dropped, or lands first and is overwritten.
 */
final class TaskCache {

    private final Cache<Long, Task> tasks;
    private final AtomicLong generation = new AtomicLong();

    TaskCache(int maximumSize) {
        // maintenance on the calling thread: no stray work on the common pool, and bounds that hold at once
        this.tasks = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
    }

    /** The task if it is in memory, else {@code null}. */
    Task get(long id) {
        return tasks.getIfPresent(id);
    }

    /** Take this before reading the database; hand it to {@link #fill}. */
    long generation() {
        return generation.get();
    }

    /** Stores a row read from the database, unless a commit happened since {@code before}. */
    void fill(long before, Task row) {
        tasks.asMap().compute(row.id(), (id, current) -> generation.get() == before ? row : current);
    }

    /** The writer's update for a task it changed, after the commit: a new generation, then the entry. */
    void put(Task task) {
        generation.incrementAndGet();
        tasks.put(task.id(), task);
    }

    /** The writer's update for a task it deleted, after the commit. */
    void remove(long id) {
        generation.incrementAndGet();
        tasks.invalidate(id);
    }

    /** Forgets everything: another connection changed the database behind our back. */
    void clear() {
        generation.incrementAndGet();
        tasks.invalidateAll();
    }

    long size() {
        return tasks.estimatedSize();
    }
}
