package io.github.todo.core.internal;

import io.github.todo.core.internal.mapper.TaskMapper;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where the store's writes go. SQLite allows one writer at a time, so there every write queues for
 * the single writer ({@code sqlite.SingleWriter}); PostgreSQL locks rows, not the database, so there
 * writes run at once on pooled connections ({@code postgres.PooledWriter}). The service above does
 * not know which.
 */
public interface StoreWriter extends AutoCloseable {

    /**
     * Runs {@code work} in a transaction and returns its result once that is committed. Throws the
     * work's own {@link io.github.todo.core.TodoException} (such as "not found", with nothing
     * changed) or a {@link io.github.todo.core.StoreException}; never a raw storage exception.
     */
    <T> T submit(Function<TaskMapper, T> work);

    /**
     * As {@link #submit(Function)}, and hands the result to {@code afterCommit} once it is
     * committed. The single writer calls it on its thread in commit order, which is what
     * keeps the read cache in step with the database.
     */
    default <T> T submit(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
        T result = submit(work);
        afterCommit.accept(result);
        return result;
    }

    /**
     * As {@link #submit(Function, Consumer)}, without waiting: the future completes once the work is
     * committed, or fails with what {@code submit} would have thrown. Never blocks the caller; when
     * the writes cannot keep up the future fails at once with a {@link io.github.todo.core.StoreException}
     * instead of pushing back. Dependent actions may run on the thread that commits: keep them short.
     */
    <T> CompletableFuture<T> submitAsync(Function<TaskMapper, T> work, Consumer<? super T> afterCommit);

    /**
     * Checks that writes can succeed now, for a health check.
     *
     * @throws io.github.todo.core.StoreException naming the failure when they cannot
     */
    default void check() {
    }

    /** Finishes the writes under way and refuses new ones. */
    void stop();

    /** How many transactions have committed or tried to. */
    long batchCount();

    /** How many writes have been applied. */
    long writeCount();

    /** How many writes wait to be applied now. */
    int queueDepth();

    /** Stops if needed and releases what the writes hold. */
    @Override
    void close();
}
