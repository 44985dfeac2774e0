package io.github.todo.core.internal.writer;

import io.github.todo.core.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: whoever holds the transaction takes every write that is waiting (up to a batch
 * limit), applies them in one {@link Transaction} and commits once, then completes each caller
 * with its own result or error; one failing write never fails the others. A write is
 * acknowledged only after its commit.
 *
 * <p>Who commits: with {@link Limits#commitOnCaller()}, an asynchronous write is committed on the
 * caller's own thread when nobody else holds the transaction (an event loop then answers it with no
 * hand-off), and when somebody does, it waits in the queue for that holder, who looks at the queue
 * again before it lets go ("flat combining", as LevelDB's and RocksDB's write leaders do). A batch
 * slower than {@value #SLOW_BATCH_MILLIS} ms (a stalling disk) sends writes to the writer thread for
 * a second, so that one slow commit cannot hold an event loop's other connections again and again.
 * Waiting callers ({@link #submit}) and, without {@code commitOnCaller}, every caller, hand their
 * write to the writer thread, which also runs {@link Transaction#housekeeping()}.
 */
public final class GroupCommitter<M> {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final long HOUSEKEEPING_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long SLOW_BATCH_MILLIS = 20;
    private static final long SLOW_BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(SLOW_BATCH_MILLIS);
    private static final long HAND_OFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long writes go to the writer thread after callers' writes met: under load, its batches are larger. */
    private static final long BUSY_HAND_OFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Batches after which housekeeping is due even before its 100 ms: a checkpoint keeps the WAL small. */
    private static final int HOUSEKEEPING_BATCHES = 1000;
    /** Batches a caller commits in one go before it leaves what is still queued to the writer thread. */
    private static final int CALLER_BATCHES = 4;

    /**
     * How many writes may wait; how long a caller waits for room; how many writes one transaction
     * takes; how long a caller waits for its verdict (a stalled writer must not hold it for ever);
     * whether an asynchronous write may be committed on its caller's thread.
     */
    public record Limits(int queueCapacity, long offerTimeoutMillis, int maxBatchSize, long verdictTimeoutMillis,
                         boolean commitOnCaller) {
    }

    private final String name;
    private final Transaction<M> transaction;
    private final BatchCommit<M> batchCommit;
    private final Limits limits;
    private final WriterState state = new WriterState();
    private final WriteQueue<M> queue;
    /** One permit: its holder owns the transaction. Not reentrant, so a write's own code cannot nest a batch. */
    private final Semaphore holder = new Semaphore(1);
    /** Used by the holder only. */
    private final List<PendingWrite<M, ?>> batch;
    private final Thread thread;
    private volatile boolean wakeRequested;
    private volatile boolean housekeepingWanted;
    /** Whether the holder is a caller: two callers' writes met, so the load is more than one at a time. */
    private volatile boolean callerHolds;
    /** Holder only. */
    private int batchesSinceHousekeeping;
    /** Until then writes go to the writer thread: a batch was slow. */
    private volatile long handOffUntil = System.nanoTime();

    /**
     * Starts the thread {@code name-writer}. {@code onListenerFailure} runs when an after-commit
     * listener failed (the read cache may have missed an update); if it fails too, the writer stops.
     */
    public GroupCommitter(String name, Transaction<M> transaction, Limits limits, Runnable onListenerFailure) {
        this.name = name;
        this.transaction = transaction;
        this.batchCommit = new BatchCommit<>(name, transaction, state, onListenerFailure);
        this.limits = limits;
        this.queue = new WriteQueue<>(limits.queueCapacity(), state);
        this.batch = new ArrayList<>(limits.maxBatchSize());
        this.thread = new Thread(this::run, name + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues {@code work} for the writer thread, waits for its commit and returns its result or
     * throws its error; {@code afterCommit} runs after the commit, in commit order.
     */
    public <T> T submit(Function<M, T> work, Consumer<? super T> afterCommit) {
        PendingWrite<M, T> write = new PendingWrite<>(work, afterCommit);
        queue.offer(write, limits.offerTimeoutMillis());
        wakeWriter();
        return write.await(limits.verdictTimeoutMillis());
    }

    /**
     * Queues {@code work} without waiting for room, and commits it here and now when that is the
     * quick way (see the class comment): the future may be complete on return.
     */
    public <T> CompletableFuture<T> submitAsync(Function<M, T> work, Consumer<? super T> afterCommit) {
        PendingWrite<M, T> write = new PendingWrite<>(work, afterCommit);
        try {
            queue.offer(write, 0);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!commitsOnCallers()) {
            wakeWriter();
        } else if (holder.tryAcquire()) {
            commitHere();
        } else if (callerHolds) {
            handOff(BUSY_HAND_OFF_NANOS); // the holder takes this one before it lets go
        }
        return write.outcome;
    }

    /** Sends writes to the writer thread for {@code nanos} from now, unless they go there for longer already. */
    private void handOff(long nanos) {
        long until = System.nanoTime() + nanos;
        if (until - handOffUntil > 0) {
            handOffUntil = until;
        }
    }

    private boolean commitsOnCallers() {
        return limits.commitOnCaller() && System.nanoTime() - handOffUntil >= 0;
    }

    /** On a caller's thread, holding the transaction: a few batches, then the rest to the writer thread. */
    private void commitHere() {
        try {
            for (int batches = 0; ; ) {
                callerHolds = true;
                while (batches < CALLER_BATCHES && commitNext()) {
                    batches++;
                }
                callerHolds = false;
                holder.release();
                // a write queued while we held on: ours to take, unless someone else took the transaction
                if (queue.isEmpty()) {
                    return;
                }
                if (batches >= CALLER_BATCHES || !commitsOnCallers()) {
                    wakeWriter();
                    return;
                }
                if (!holder.tryAcquire()) {
                    return;
                }
            }
        } catch (Throwable unexpected) {
            // commitNext() threw, holding the transaction: the writer is broken, as on its own thread
            stopWith(unexpected);
            callerHolds = false;
            holder.release();
            wakeWriter();
        }
    }

    /** Commits one batch of what is queued; false when nothing was. Holder only. */
    private boolean commitNext() {
        if (queue.drainTo(batch, limits.maxBatchSize()) == 0) {
            return false;
        }
        long started = System.nanoTime();
        batchCommit.commit(batch);
        batch.clear();
        if (++batchesSinceHousekeeping >= HOUSEKEEPING_BATCHES && Thread.currentThread() != thread) {
            batchesSinceHousekeeping = 0;
            housekeepingWanted = true;
            wakeWriter();
        }
        if (System.nanoTime() - started > SLOW_BATCH_NANOS && limits.commitOnCaller()) {
            handOff(HAND_OFF_NANOS);
            LOG.debug("{} - a batch took {} ms: writes go to the writer thread for a second", name,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return true;
    }

    private void wakeWriter() {
        if (!wakeRequested) {
            wakeRequested = true;
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
        try {
            while (queue.open()) {
                wakeRequested = false; // before the queue is looked at: a write queued after this wakes us again
                if (queue.isEmpty() && !queue.closing()) {
                    LockSupport.parkNanos(this, Math.max(0, nextHousekeeping - System.nanoTime()));
                }
                boolean housekeeping = housekeepingWanted || System.nanoTime() - nextHousekeeping >= 0;
                if (queue.isEmpty() && !housekeeping) {
                    continue;
                }
                if (housekeeping) {
                    transaction.background();
                }
                holder.acquire();
                try {
                    if (housekeeping) {
                        housekeepingWanted = false;
                        batchesSinceHousekeeping = 0;
                        nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
                        transaction.housekeeping();
                    }
                    while (commitNext()) {
                        // until the queue is empty
                    }
                } finally {
                    holder.release();
                }
            }
            holder.acquire(); // the last writes: no caller may be committing when the queue ends
            try {
                while (commitNext()) {
                    // until the queue is empty
                }
                queue.terminate();
            } finally {
                holder.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable unexpected) {
            stopWith(unexpected);
        } finally {
            queue.terminate();
        }
    }

    /** Something other than a write broke the writer: the batch in hand fails, and so does every later write. */
    private void stopWith(Throwable unexpected) {
        state.stoppedBy(unexpected);
        LOG.error("{} - writer stopped unexpectedly", name, unexpected);
        for (PendingWrite<M, ?> write : batch) {
            write.fail(new StoreException("the writer stopped", unexpected)); // no effect on a write already answered
        }
        batch.clear();
        queue.close();
        queue.terminate();
    }

    /** Its counts and state. */
    public WriterState state() {
        return state;
    }

    /** Applies what is queued, then ends the thread; later writes fail as closed. */
    public void stop() {
        queue.close();
        LockSupport.unpark(thread);
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
