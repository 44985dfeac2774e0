package io.github.todo.core.internal.writer;

import io.github.todo.core.StoreException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The writes waiting for whoever commits next: bounded, so callers are pushed back when commits
 * cannot keep up. Lock-free on the way in: a caller that commits its own write takes no lock
 * and wakes no thread here.
 */
final class WriteQueue<M> {

    private final ConcurrentLinkedQueue<PendingWrite<M, ?>> queue = new ConcurrentLinkedQueue<>();
    /** One permit a free place. */
    private final Semaphore room;
    private final WriterState state;
    private volatile boolean closing;
    private volatile boolean terminated;

    WriteQueue(int capacity, WriterState state) {
        this.room = new Semaphore(capacity);
        this.state = state;
    }

    /** Queues {@code write}, waiting at most {@code timeoutMillis} for room. */
    void offer(PendingWrite<M, ?> write, long timeoutMillis) {
        if (closing) {
            throw state.closed();
        }
        try {
            boolean placed = timeoutMillis <= 0 ? room.tryAcquire() : room.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
            if (!placed) {
                throw new StoreException("the write queue is full; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while queueing a write", e);
        }
        queue.add(write);
        // The writer may have finished its last drain just before our offer: take the write back.
        if (terminated && queue.remove(write)) {
            room.release();
            throw state.closed();
        }
    }

    /** Moves up to {@code max} waiting writes to {@code batch}, without waiting; how many it moved. */
    int drainTo(List<PendingWrite<M, ?>> batch, int max) {
        int moved = 0;
        for (PendingWrite<M, ?> write; moved < max && (write = queue.poll()) != null; moved++) {
            batch.add(write);
        }
        if (moved > 0) {
            room.release(moved);
        }
        return moved;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** True until closed and empty. */
    boolean open() {
        return !closing || !queue.isEmpty();
    }

    boolean closing() {
        return closing;
    }

    /** Refuses new writes; those queued are still applied. */
    void close() {
        closing = true;
    }

    /** The writer thread has ended: whatever is left fails, and so does any write that comes later. */
    void terminate() {
        terminated = true;
        for (PendingWrite<M, ?> write; (write = queue.poll()) != null; ) {
            room.release();
            write.fail(state.closed());
        }
    }

    int size() {
        return queue.size();
    }
}
