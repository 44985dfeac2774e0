package io.github.todo.core.internal;

import io.github.todo.core.Task;

/** Reads of one task by id on the caller's own thread, when they cost less than a hand-off to a read thread. */
public interface QuickReads extends AutoCloseable {

    /** Reads that always decline: for a store without reading connections of its own (PostgreSQL, a given DataSource). */
    QuickReads OFF = new QuickReads() {
        @Override
        public Found tryFind(long id) {
            return null;
        }

        @Override
        public void close() {
        }
    };

    /** What {@link #tryFind} found: the row, or null when there is no such task. */
    record Found(Task row) {
    }

    /** Reads task {@code id} now, on this thread; null when that could wait, and the caller should read elsewhere. */
    Found tryFind(long id);

    @Override
    void close();
}
