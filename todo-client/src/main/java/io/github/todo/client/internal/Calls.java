package io.github.todo.client.internal;

import io.github.todo.core.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** A client's calls, waited for or not, until it is closed; after that each fails with a {@link StoreException}. */
public final class Calls {

    private final Transport transport;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Calls(Transport transport) {
        this.transport = transport;
    }

    /** Sends, then waits for the answer; the exception a stage failed with is thrown as it is. */
    public <T> T await(Supplier<CompletableFuture<T>> call) {
        if (closed.get()) {
            throw new StoreException(Failures.CLOSED);
        }
        try {
            return call.get().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new StoreException("the request failed: " + e.getCause(), e.getCause());
        }
    }

    /** Sends without waiting; after close, a stage failed with a {@link StoreException}. */
    public <T> CompletionStage<T> later(Supplier<CompletableFuture<T>> call) {
        return closed.get() ? CompletableFuture.failedFuture(new StoreException(Failures.CLOSED)) : call.get();
    }

    /** Releases the transport's HTTP client, if it made one; idempotent. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
        }
    }
}
