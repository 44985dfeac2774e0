package io.github.todo.core.internal.writer;

import io.github.todo.core.StoreException;
import io.github.todo.core.TodoException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every write that is waiting (up to a batch limit), applies them
 * in one {@link Transaction} and commits once, then completes each caller with its own result or
 * error; one failing write never fails the others. A write is acknowledged only after its commit.
 * Without contention a batch is one write, so a lone caller pays no extra latency.
 */
public final class GroupCommitter<M> {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final long IDLE_MILLIS = 100; // how long the thread waits for a write before Transaction.idle()

    /**
     * How many writes may wait; how long a caller waits for room; how many writes one transaction
     * takes; how long a caller waits for its verdict (a stalled writer must not hold it for ever).
     */
    public record Limits(int queueCapacity, long offerTimeoutMillis, int maxBatchSize, long verdictTimeoutMillis) {
    }

    private final String name;
    private final Transaction<M> transaction;
    private final Limits limits;
    private final Runnable onListenerFailure;
    private final WriterState state = new WriterState();
    private final WriteQueue<M> queue;
    private final Thread thread;

    /**
     * Starts the thread {@code name-writer}. {@code onListenerFailure} runs when an after-commit
     * listener failed (the read cache may have missed an update); if it fails too, the writer stops.
     */
    public GroupCommitter(String name, Transaction<M> transaction, Limits limits, Runnable onListenerFailure) {
        this.name = name;
        this.transaction = transaction;
        this.limits = limits;
        this.onListenerFailure = onListenerFailure;
        this.queue = new WriteQueue<>(limits.queueCapacity(), state);
        this.thread = new Thread(this::run, name + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues {@code work}, waits for its commit and returns its result or throws its error;
     * {@code afterCommit} runs on the writer thread, in commit order.
     */
    public <T> T submit(Function<M, T> work, Consumer<? super T> afterCommit) {
        Write<M, T> write = new Write<>(work, afterCommit);
        queue.offer(write, limits.offerTimeoutMillis());
        return write.await(limits.verdictTimeoutMillis());
    }

    /** Queues {@code work} without waiting for room or for its commit. */
    public <T> CompletableFuture<T> submitAsync(Function<M, T> work, Consumer<? super T> afterCommit) {
        Write<M, T> write = new Write<>(work, afterCommit);
        try {
            queue.offer(write, 0);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write.outcome;
    }

    private void run() {
        List<Write<M, ?>> batch = new ArrayList<>(limits.maxBatchSize());
        try {
            while (queue.open()) {
                Write<M, ?> first = queue.poll(IDLE_MILLIS);
                if (first == null) {
                    transaction.idle();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, limits.maxBatchSize() - 1);
                commitAll(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable unexpected) {
            state.stoppedBy(unexpected);
            LOG.error("{} - writer stopped unexpectedly", name, unexpected);
            for (Write<M, ?> write : batch) {
                write.fail(new StoreException("the writer stopped", unexpected)); // no effect on a write already answered
            }
        } finally {
            queue.terminate();
        }
    }

    /**
     * Applies {@code batch} in one transaction. A write that fails on its own (not found, invalid)
     * does not disturb the others. A write that breaks the transaction rolls it back; it gets its
     * error and the rest are applied again in a fresh transaction, so every write ends either
     * committed or failed, never silently undone. A failed begin or commit fails the writes it held.
     */
    private void commitAll(List<Write<M, ?>> batch) {
        ArrayDeque<Write<M, ?>> pending = new ArrayDeque<>(batch);
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
            List<Write<M, ?>> applied = new ArrayList<>(pending.size());
            Write<M, ?> broken = null;
            while (broken == null && !pending.isEmpty()) {
                Write<M, ?> write = pending.poll();
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
                applied.forEach(Write::reset);
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
    private void acknowledge(List<Write<M, ?>> committed) {
        try {
            for (Write<M, ?> write : committed) {
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
            committed.forEach(Write::complete);
        }
    }

    /** Its counts and state. */
    public WriterState state() {
        return state;
    }

    /** Applies what is queued, then ends the thread; later writes fail as closed. */
    public void stop() {
        queue.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many writes are waiting now. */
    public int queueDepth() {
        return queue.size();
    }
}
