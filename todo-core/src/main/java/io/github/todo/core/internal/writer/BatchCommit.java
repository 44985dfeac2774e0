package io.github.todo.core.internal.writer;

import io.github.todo.core.StoreException;
import io.github.todo.core.TodoException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a batch of writes becomes batches: applied in one, committed once, each write then
 * acknowledged with its own result or error. Used by whoever holds the {@link GroupCommitter}'s
 * transaction, one batch at a time.
 */
final class BatchCommit<M> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommit.class);

    private final String name;
    private final Transaction<M> transaction;
    private final WriterState state;
    private final Runnable onListenerFailure;

    BatchCommit(String name, Transaction<M> transaction, WriterState state, Runnable onListenerFailure) {
        this.name = name;
        this.transaction = transaction;
        this.state = state;
        this.onListenerFailure = onListenerFailure;
    }

    /**
     * Applies {@code batch} in one transaction. A write that fails on its own (not found, invalid)
     * does not disturb the others. A write that breaks the transaction rolls it back; it gets its
     * error and the rest are applied again in a fresh transaction, so every write ends either
     * committed or failed, never silently undone. A failed begin or commit fails the writes it held.
     */
    void commit(List<PendingWrite<M, ?>> batch) {
        ArrayDeque<PendingWrite<M, ?>> pending = new ArrayDeque<>(batch);
        while (!pending.isEmpty()) {
            StoreException unusable = transaction.unusable();
            if (unusable != null) {
                state.failed(unusable);
                pending.forEach(write -> write.fail(unusable));
                return;
            }
            M mapper;
            try {
                mapper = transaction.begin();
            } catch (TodoException error) {
                state.failed(error);
                pending.forEach(write -> write.fail(error));
                return;
            }
            List<PendingWrite<M, ?>> applied = new ArrayList<>(pending.size());
            PendingWrite<M, ?> broken = null;
            while (broken == null && !pending.isEmpty()) {
                PendingWrite<M, ?> write = pending.poll();
                if (write.apply(mapper) || !write.brokeTransaction()) {
                    applied.add(write); // done, or failed on its own with nothing of it to undo
                } else {
                    broken = write;
                }
            }
            if (broken != null) {
                state.failed(broken.error());
                transaction.rollback();
                broken.complete(); // with its own error
                applied.forEach(PendingWrite::reset);
                applied.addAll(pending);
                pending = new ArrayDeque<>(applied); // the others again, in their order
                continue;
            }
            state.committing(applied.size());
            try {
                transaction.commit();
            } catch (TodoException error) {
                transaction.rollback();
                state.failed(error);
                applied.forEach(write -> write.fail(error));
                continue;
            }
            state.committed();
            acknowledge(applied);
        }
    }

    /** Committed: whatever happens from here, each write is acknowledged as committed. */
    private void acknowledge(List<PendingWrite<M, ?>> committed) {
        try {
            for (PendingWrite<M, ?> write : committed) {
                write.afterCommit();
            }
        } catch (Throwable e) { // an OutOfMemoryError among them: the cache may have missed an update
            try {
                onListenerFailure.run(); // before the log line, which allocates
                LOG.error("{} - updating the read cache after a commit failed; forgot the cached tasks", name, e);
            } catch (Throwable failed) {
                // a cache that may hold an old row must not serve reads: the writer stops, and
                // says so before these writes are answered
                state.stoppedBy(failed);
                throw failed;
            }
        } finally {
            committed.forEach(PendingWrite::complete);
        }
    }

}
