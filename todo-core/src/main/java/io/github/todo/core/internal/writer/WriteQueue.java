package io.github.todo.core.internal.writer;

import io.github.todo.core.StoreException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** The writes waiting for the writer thread: bounded, so callers are pushed back when it cannot keep up. */
final class WriteQueue<M> {

    private final BlockingQueue<Write<M, ?>> queue;
    private final WriterState state;
    private volatile boolean closing;
    private volatile boolean terminated;

    WriteQueue(int capacity, WriterState state) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.state = state;
    }

    /** Queues {@code write}, waiting at most {@code timeoutMillis} for room. */
    void offer(Write<M, ?> write, long timeoutMillis) {
        if (closing) {
            throw state.closed();
        }
        try {
            if (!queue.offer(write, timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreException("the write queue is full; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while queueing a write", e);
        }
        // The writer may have finished its last drain just before our offer: take the write back.
        if (terminated && queue.remove(write)) {
            throw state.closed();
        }
    }

    /** The next write, waiting at most {@code millis}; null when none came. */
    Write<M, ?> poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Moves up to {@code max} waiting writes to {@code batch}, without waiting. */
    void drainTo(List<Write<M, ?>> batch, int max) {
        queue.drainTo(batch, max);
    }

    /** True until closed and empty. */
    boolean open() {
        return !closing || !queue.isEmpty();
    }

    /** Refuses new writes; those queued are still applied. */
    void close() {
        closing = true;
    }

    /** The writer thread has ended: whatever is left fails, and so does any write that comes later. */
    void terminate() {
        terminated = true;
        for (Write<M, ?> write; (write = queue.poll()) != null; ) {
            write.fail(state.closed());
        }
    }

    boolean terminated() {
        return terminated;
    }

    int size() {
        return queue.size();
    }
}
