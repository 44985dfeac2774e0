package io.github.todo.core.internal.writer;

import io.github.todo.core.StoreException;

/**
 * What the {@link GroupCommitter} needs of a database: one transaction at a time, on its thread
 * only. {@code M} is what a write works on (the mapper).
 */
public interface Transaction<M> {

    /**
     * Null when a write can be made now, else why not; the whole batch then fails with it. May put
     * the store right first (a removed file copied back, a connection opened again).
     */
    StoreException unusable();

    /**
     * Begins a transaction and returns what the batch's writes work on.
     *
     * @throws io.github.todo.core.TodoException when it cannot; the batch fails with it
     */
    M begin();

    /**
     * Commits.
     *
     * @throws io.github.todo.core.TodoException when the commit failed; {@link #rollback()} follows
     */
    void commit();

    /** Undoes the transaction, quietly: the database may have rolled back on its own. */
    void rollback();

    /**
     * Called on the writer thread about every 100 ms, holding the transaction (callers' writes wait
     * in the queue meanwhile, never on the database): room for housekeeping such as a checkpoint.
     */
    void housekeeping();

    /**
     * Called on the writer thread right before {@link #housekeeping()}, not holding the transaction:
     * work that must not hold writes up, such as a checkpoint on another connection.
     */
    default void background() {
    }
}
