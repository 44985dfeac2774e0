package io.github.todo.core.internal;

import io.github.todo.core.StoreException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The few threads a store runs blocking work on, so that its asynchronous callers never block. */
public final class StoreThreads {

    private StoreThreads() {
    }

    /** {@code threads} daemon threads named {@code name-1, name-2, ...} over a queue of {@code capacity}. */
    public static ThreadPoolExecutor fixed(String name, int threads, int capacity) {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), work -> {
            Thread thread = new Thread(work, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code work} on {@code threads}. When it cannot even be queued, the future fails at
     * once: "closed" after shutdown, else "busy", so a caller is pushed back instead of blocked.
     */
    public static <T> CompletableFuture<T> supply(ThreadPoolExecutor threads, String what, Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(threads.isShutdown()
                    ? new StoreException("the store is closed")
                    : new StoreException("the " + what + " queue is full; try again later"));
        }
    }
}
