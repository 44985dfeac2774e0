package io.github.todo.core.internal.writer;

import io.github.todo.core.StoreException;
import io.github.todo.core.TodoException;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the writer reports: how much it has done, for metrics, and for a health check whether its
 * thread is alive and whether its last batch failed for want of storage.
 */
public final class WriterState {

    private final LongAdder batches = new LongAdder();
    private final LongAdder writes = new LongAdder();
    /** The storage failure of the last batch, until a batch commits again. */
    private volatile StoreException lastFailure;
    /** What ended the writer thread before it was stopped, or {@code null}. */
    private volatile Throwable stoppedBy;

    WriterState() {
    }

    /** How many transactions the writer has committed or tried to. */
    public long batchCount() {
        return batches.sum();
    }

    /** How many writes the writer has applied. */
    public long writeCount() {
        return writes.sum();
    }

    /** True while the last batch failed for want of storage: a health check should probe. */
    public boolean failing() {
        return lastFailure != null;
    }

    /** Throws, naming the cause, when the writer thread ended before it was stopped. */
    public void checkRunning() {
        if (stoppedBy != null) {
            throw closed();
        }
    }

    void committing(int writeCount) {
        batches.increment();
        writes.add(writeCount);
    }

    void failed(TodoException error) {
        if (error instanceof StoreException store) {
            lastFailure = store;
        }
    }

    void committed() {
        lastFailure = null;
    }

    /** Records what stopped the thread; the first cause wins. */
    void stoppedBy(Throwable cause) {
        if (stoppedBy == null) {
            stoppedBy = cause;
        }
    }

    /** The error a write gets once the writer is gone, naming what stopped it if something did. */
    StoreException closed() {
        Throwable stopped = stoppedBy;
        return stopped != null ? new StoreException("cannot write: the writer stopped after " + stopped, stopped)
                : new StoreException("the store is closed");
    }
}
