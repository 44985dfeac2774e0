package io.github.todo.core.internal;

import io.github.todo.core.Task;
import java.util.Optional;

/** Reads of one task by id on the caller's own thread, when they cost less than a hand-off to a read thread. */
public interface QuickReads extends AutoCloseable {

    /** Reads that always decline: for a store without reading connections of its own (PostgreSQL, a given DataSource). */
    QuickReads OFF = new QuickReads() {
        @Override
        public Attempt tryFind(long id) {
            return Attempt.DECLINED;
        }

        @Override
        public void close() {
        }
    };

    /**
     * What {@link #tryFind} did: read the task ({@link #row()}, empty when there is no such task),
     * or declined ({@link #DECLINED}), and the caller should read elsewhere.
     */
    record Attempt(boolean declined, Optional<Task> row) {

        public static final Attempt DECLINED = new Attempt(true, Optional.empty());

        public static Attempt read(Task rowOrNull) {
            return new Attempt(false, Optional.ofNullable(rowOrNull));
        }
    }

    /** Reads task {@code id} now, on this thread, or declines when that could wait. */
    Attempt tryFind(long id);

    @Override
    void close();
}
