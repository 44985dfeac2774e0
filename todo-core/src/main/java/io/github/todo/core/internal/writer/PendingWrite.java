package io.github.todo.core.internal.writer;

import io.github.todo.core.StoreException;
import io.github.todo.core.TodoException;
import io.github.todo.core.internal.StoreErrors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/** One queued write and, once the writer is done with it, its outcome. */
final class PendingWrite<M, T> {
    private final Function<M, T> work;
    private final Consumer<? super T> afterCommit;
    final CompletableFuture<T> outcome = new CompletableFuture<>();
    private T result;
    private TodoException error;
    private boolean brokeTransaction;

    PendingWrite(Function<M, T> work, Consumer<? super T> afterCommit) {
        this.work = work;
        this.afterCommit = afterCommit;
    }

    /** Tells the write's listener it is committed; a listener's failure fails nobody's write. */
    void afterCommit() {
        if (error != null) {
            return;
        }
        afterCommit.accept(result);
    }

    /** Runs the work; true when it succeeded. */
    boolean apply(M mapper) {
        try {
            result = work.apply(mapper);
            return true;
        } catch (TodoException e) {
            error = e; // a verdict on this write alone, such as "not found"
            return false;
        } catch (RuntimeException e) {
            error = StoreErrors.wrap("cannot write", e);
            brokeTransaction = true;
            return false;
        } catch (OutOfMemoryError e) {
            // This write alone fails, rolled back with its transaction; the others are applied
            // again, and the writer stays: a heap short for one write may have room for the next.
            error = new StoreException("cannot write: out of memory", e);
            brokeTransaction = true;
            return false;
        }
    }

    boolean brokeTransaction() {
        return brokeTransaction;
    }

    TodoException error() {
        return error;
    }

    void reset() {
        result = null;
        error = null;
    }

    void complete() {
        if (error != null) {
            outcome.completeExceptionally(error);
        } else {
            outcome.complete(result);
        }
    }

    void fail(TodoException failure) {
        outcome.completeExceptionally(failure);
    }

    /**
     * Waits for the verdict, at most {@code timeoutMillis}. Past that the writer is stalled
     * (a hung disk, say): the caller is let go with an error that says the write may still
     * commit, never that it failed.
     */
    T await(long timeoutMillis) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (true) {
                try {
                    return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    // The write may already be committed: wait for the verdict, not abandon it.
                    interrupted = true;
                }
            }
        } catch (TimeoutException e) {
            throw new StoreException("the write was not done within " + timeoutMillis + " ms (the writer is stalled:"
                    + " a hung disk?); it may still be committed, so read it back before sending it again");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TodoException todo) {
                throw todo;
            }
            throw new StoreException("write failed", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
