package io.github.todo.core.internal.sqlite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.todo.core.Task;
import io.github.todo.core.internal.ReadCache;

/**
 * Recently written tasks, kept in memory so an event-loop server can answer a read without
 * touching the database. Bounded in bytes (Caffeine's weighted eviction, each task weighed by
 * what it holds on the heap), so long names and other alphabets cannot outgrow the budget that
 * short ASCII names fit in; and write-through: only the
 * writer changes it, after each commit and in commit order, so it never shows a write of
 * this store late and never holds a row older than the database's.
 *
 * <p>Reads do not fill it: spread over a table much larger than the cache, every miss would evict
 * another entry, and that churn (eviction work on the reading thread, contended between the I/O
 * threads, and young garbage promoted to the old generation) costs more than the hits save
 * (docs/PERFORMANCE.md). A read that misses costs a point read on the reading thread
 * ({@link SqliteQuickReads}).
 */
final class TaskCache implements ReadCache {

    private final Cache<Long, Task> tasks;
    /** Set while forgetting, and left set if forgetting failed: a cache that may hold old rows answers nothing. */
    private volatile boolean off;

    /**
     * What one entry costs besides its name's characters, on a 64-bit JVM with compressed
     * pointers: Caffeine's node, its hash table's entry and slot, its frequency sketch's share, the
     * Long key, the Task, the String and its array's header: about 205 bytes an entry for
     * one-letter names, weighed on the heap, with a margin.
     */
    static final int ENTRY_OVERHEAD_BYTES = 216;

    TaskCache(long maximumBytes) {
        // maintenance on the calling thread: no stray work on the common pool, and bounds that hold at once
        this.tasks = Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                .weigher((Long id, Task task) -> weight(task))
                .executor(Runnable::run)
                .build();
    }

    /**
     * The heap one entry takes, counted as if every name were stored in UTF-16 (two bytes a
     * character, four for an emoji): exact for any name beyond Latin-1, twice too much for an ASCII
     * one, which is the safe side. Counting the real coding would mean scanning every name.
     */
    static int weight(Task task) {
        return ENTRY_OVERHEAD_BYTES + 2 * task.name().length();
    }

    /** The task if it is in memory, else {@code null}. */
    @Override
    public Task get(long id) {
        return off ? null : tasks.getIfPresent(id);
    }

    /** The writer's update for a task it changed, after the commit. */
    @Override
    public void put(Task task) {
        tasks.put(task.id(), task);
    }

    /**
     * The writer's update for a task a set operation changed: kept only if the task is in
     * memory already, so that marking a million tasks does not churn the cache.
     */
    @Override
    public void refresh(Task task) {
        tasks.asMap().computeIfPresent(task.id(), (id, old) -> task);
    }

    /** The writer's update for a task it deleted, after the commit. */
    @Override
    public void remove(long id) {
        tasks.invalidate(id);
    }

    /** Forgets everything: another connection changed the database behind our back. */
    @Override
    public void clear() {
        off = true; // first, and without allocating: it holds even if what follows runs out of memory
        tasks.invalidateAll();
        off = false;
    }
}
