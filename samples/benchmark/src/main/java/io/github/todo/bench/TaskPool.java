package io.github.todo.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Creates the tasks a load run works on, before the clock starts, over parallel connections. */
final class TaskPool {

    private final Target target;
    private final HttpRequests requests;
    private final int connections;
    private final int timeoutMillis;

    TaskPool(Target target, HttpRequests requests, int connections, int timeoutMillis) {
        this.target = target;
        this.requests = requests;
        this.connections = connections;
        this.timeoutMillis = timeoutMillis;
    }

    /** Creates exactly {@code count} tasks; returns their ids. */
    long[] create(long count) {
        return create(count, Long.MAX_VALUE / 4);
    }

    /** Creates tasks for {@code seconds}, as many as the server makes in that time. */
    long[] createFor(double seconds) {
        return create(Long.MAX_VALUE, (long) (seconds * 1e9));
    }

    private long[] create(long count, long nanos) {
        long deadline = System.nanoTime() + nanos;
        AtomicLong tickets = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<List<Long>>> parts = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                parts.add(pool.submit(() -> createWhile(() -> tickets.getAndIncrement() < count
                        && System.nanoTime() - deadline < 0)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<List<Long>> part : parts) {
                ids.addAll(part.get());
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BenchmarkException failure ? failure
                    : new BenchmarkException("creating tasks failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while creating tasks", e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds();
    }

    private List<Long> createWhile(Condition more) {
        List<Long> ids = new ArrayList<>();
        try (RawHttpConnection connection = new RawHttpConnection(target, timeoutMillis)) {
            while (more.holds()) {
                RawHttpConnection.Response response = connection.exchangeForBody(requests.create());
                if (response.status() < 200 || response.status() > 299) {
                    throw new BenchmarkException("creating tasks: POST /tasks answered " + response.status()
                            + " " + Texts.abbreviate(response.body()));
                }
                ids.add(JsonFiles.idOf(response.body()));
            }
        } catch (IOException e) {
            throw new BenchmarkException("creating tasks: POST /tasks failed: " + e, e);
        }
        return ids;
    }
}
