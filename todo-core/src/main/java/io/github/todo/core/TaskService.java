package io.github.todo.core;

import io.github.todo.core.internal.DefaultTaskService;
import io.github.todo.core.internal.SchemaVersions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The task store. Safe to share between any number of threads: reads run concurrently on a
 * connection pool. On SQLite, writes are serialised through a single writer that commits concurrent
 * writes together, so no caller ever sees SQLite's "database is locked"; on PostgreSQL each write is
 * its own transaction on the pool, and any number of stores, in any number of processes, may share
 * one database.
 *
 * <p>Open one per database with {@link #open(TodoConfig)} and close it when the application stops:
 * <pre>{@code
 * try (TaskService tasks = TaskService.open(TodoConfig.of(Path.of("todo.db")))) {
 *     Task task = tasks.create(TaskDraft.of("write the docs"));
 *     tasks.patch(task.id(), new TaskPatch(null, true), ExpectedVersion.any());
 * }
 * }</pre>
 *
 * <p>Every method throws {@link InvalidTaskException} for input that breaks a rule,
 * {@link TaskNotFoundException} where a task must exist and does not, and {@link StoreException}
 * when the storage fails. A write that returned normally is committed.
 *
 * <p>The writes that do not wait ({@link #createAsync}, {@link #replaceAsync}, {@link #patchAsync},
 * {@link #deleteAsync}) are for event loops: they never block the calling thread, check their input
 * at once, and complete their stage after the commit, with the same result or error as the waiting
 * form. Where the waiting form would wait for room in a full write queue, they fail with a
 * {@link StoreException} instead. Actions chained with the non-{@code Async} methods of the stage
 * may run on the store's writer thread: keep them short and never block in them.
 */
public interface TaskService extends AutoCloseable {

    /**
     * Opens the store described by {@code config}: creates the database file if it is missing and
     * brings its schema up to date (on PostgreSQL, once, however many servers start together).
     *
     * @throws IncompatibleStoreException if the file is not a SQLite database, the database is
     *                                    neither SQLite nor PostgreSQL, or its schema was written by a
     *                                    newer version; the database is left untouched
     * @throws StoreException             if the database cannot be opened or reached
     */
    static TaskService open(TodoConfig config) {
        return DefaultTaskService.open(config);
    }

    /** Stores a new task and returns it with its id. */
    Task create(TaskDraft draft);

    /**
     * The schema version of the database {@code config} names, without changing or creating
     * anything: 0 for a missing or empty database, {@link #currentSchemaVersion()} for one that
     * {@link #open} needs not migrate.
     *
     * @throws IncompatibleStoreException if the file is not a SQLite database, or the database is
     *                                    neither SQLite nor PostgreSQL
     * @throws StoreException             if the database cannot be reached
     */
    static int schemaVersion(TodoConfig config) {
        return SchemaVersions.read(config);
    }

    /** The schema version this version of todo writes: {@link #open} migrates older databases to it. */
    static int currentSchemaVersion() {
        return SchemaVersions.CURRENT;
    }

    /** The task with {@code id}, or empty when there is none. Always asks the database. */
    Optional<Task> find(long id);

    /**
     * As {@link #find(long)}, for event loops, which must not wait. When the answer can be had at
     * once the stage is complete when this returns: the task is in memory, or a SQLite store reads
     * it on the calling thread, on a reading connection of its own kept for that, from a disk that
     * has been quick (a point read from SQLite's page cache takes microseconds). Otherwise (every
     * such connection busy; reads lately slower than 500 µs on average, or one that failed or found
     * the database busy, in the last second; PostgreSQL) the read runs on one of the store's read
     * threads and the stage completes there; when those cannot keep up it fails at once with a
     * {@link StoreException}.
     *
     * @throws InvalidTaskException at once, for a malformed id
     */
    CompletionStage<Optional<Task>> findAsync(long id);

    /**
     * Replaces the name and done flag of task {@code id} (PUT semantics: both are required), if it
     * is at {@code expected}: {@link ExpectedVersion#of} the version the caller read makes the check
     * and the write one atomic step, so no update is lost when two callers edit one task.
     *
     * @throws TaskConflictException if the task is at another version; nothing was written
     * @throws TaskNotFoundException if there is no such task
     */
    Task replace(long id, TaskDraft draft, ExpectedVersion expected);

    /**
     * Changes the fields of task {@code id} that {@code patch} sets and keeps the others, if it is
     * at {@code expected}.
     *
     * @throws TaskConflictException if the task is at another version; nothing was written
     * @throws TaskNotFoundException if there is no such task
     */
    Task patch(long id, TaskPatch patch, ExpectedVersion expected);

    /**
     * Deletes task {@code id}, if it is at {@code expected}.
     *
     * @throws TaskConflictException if the task is at another version; nothing was deleted
     * @throws TaskNotFoundException if there is no such task
     */
    void delete(long id, ExpectedVersion expected);

    /**
     * As {@link #create(TaskDraft)}, without waiting: the stage completes with the task once it is
     * committed. See {@linkplain TaskService the writes that do not wait}.
     *
     * @throws InvalidTaskException at once, when {@code draft} breaks a rule
     */
    CompletionStage<Task> createAsync(TaskDraft draft);

    /**
     * As {@link #replace}, without waiting; a missing task or a conflict fails the stage.
     *
     * @throws InvalidTaskException at once, for a malformed id or draft
     */
    CompletionStage<Task> replaceAsync(long id, TaskDraft draft, ExpectedVersion expected);

    /**
     * As {@link #patch}, without waiting; a missing task or a conflict fails the stage.
     *
     * @throws InvalidTaskException at once, for a malformed id or patch
     */
    CompletionStage<Task> patchAsync(long id, TaskPatch patch, ExpectedVersion expected);

    /**
     * As {@link #delete}, without waiting; a missing task or a conflict fails the stage.
     *
     * @throws InvalidTaskException at once, for a malformed id
     */
    CompletionStage<Void> deleteAsync(long id, ExpectedVersion expected);

    /** How many tasks there are and how many are done, in one read. */
    TaskCounts counts();

    /**
     * Marks every task done (or, with {@code false}, not done): "mark all as complete". Only the
     * tasks whose flag differs change (and get a new version). Applied a chunk of rows at a time,
     * each chunk its own transaction, so writes sent meanwhile wait for one chunk at most, not for
     * the whole table; a task changed back meanwhile, behind the sweep, stays as it was changed.
     *
     * @return how many tasks changed
     */
    long markAll(boolean done);

    /**
     * Deletes every task whose done flag is {@code done}: "clear completed" with {@code true}.
     * Applied a chunk at a time, as {@link #markAll}.
     *
     * @return how many tasks were deleted
     */
    long deleteAll(boolean done);

    /** One page of tasks in id order, as {@code request} describes. */
    TaskPage list(PageRequest request);

    /**
     * Hands every task to {@code action} in id order, one row at a time, without loading them all
     * into memory. The rows are a consistent snapshot. An exception thrown by {@code action} stops
     * the walk and propagates unchanged.
     */
    void forEach(Consumer<? super Task> action);

    /** How many tasks there are. */
    long count();

    /**
     * Checks that the database answers a query now.
     *
     * @throws StoreException naming the failure when it does not
     */
    void ping();

    /** The validation limit for names, as configured. */
    int maxNameLength();

    /**
     * The store's counters and gauges now (writer batches, queue depth, read pool usage), for
     * metrics and monitoring; cheap enough to call on every scrape. Implementations that keep no
     * statistics return {@link StoreStats#NONE}.
     */
    default StoreStats stats() {
        return StoreStats.NONE;
    }

    /**
     * Writes a consistent copy of a SQLite store to the new file {@code target} while the store
     * keeps serving reads and writes ({@code VACUUM INTO} on a reading connection, which the
     * write-ahead log allows), checks the copy with {@code PRAGMA integrity_check}, and only then
     * gives it its name. The copy holds every write committed before it began.
     *
     * @throws IllegalArgumentException      if {@code target} exists
     * @throws UnsupportedOperationException on PostgreSQL: back it up with {@code pg_dump}
     * @throws StoreException                if the copy cannot be written or fails the check; no
     *                                       file is left at {@code target}
     */
    default void backup(Path target) {
        throw new UnsupportedOperationException("this store cannot back itself up");
    }

    /**
     * Starts adding tasks that keep their ids, all in one transaction: see {@link TaskImport}.
     *
     * @throws StoreException if the database cannot be reached
     */
    default TaskImport beginImport() {
        throw new UnsupportedOperationException("this store cannot import tasks");
    }

    /**
     * The highest id the store has handed out or been given, deleted tasks included: a new task
     * gets a higher one. 0 for a store that never had a task.
     */
    default long idSequence() {
        throw new UnsupportedOperationException("this store keeps no id sequence");
    }

    /**
     * Stops accepting writes, finishes the queued ones, checkpoints SQLite's write-ahead log and
     * closes every connection the store opened. Idempotent. Calls after close throw
     * {@link StoreException}.
     */
    @Override
    void close();
}
