package io.github.todo.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The protocol of the article's {@code benchmark.py}, step for step. For each operation: prepare
 * N tasks with the thread pool if it needs ids, time N operations in one thread, delete the
 * prepared tasks (not after Delete, which used them up), prepare N again, time N operations
 * submitted to a pool of {@code threads}, clean up again. Create's tasks stay, as in the article.
 * Each number is wall time / N in milliseconds.
 */
final class SeedBenchmark {

    /** One timed call; {@code id} is unused by the operations that need no task. */
    @FunctionalInterface
    private interface Call {
        void perform(SeedClient client, long id);
    }

    /**
     * @param needsIds  whether N tasks are prepared first
     * @param usesUpIds whether the operation deletes them itself, so there is nothing to clean up
     */
    private record Operation(String name, boolean needsIds, boolean usesUpIds, Call call) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("Hello World", false, false, (client, id) -> client.hello()),
            new Operation("Create", false, false, (client, id) -> client.create()),
            new Operation("Read", true, false, SeedClient::read),
            new Operation("Update", true, false, SeedClient::update),
            new Operation("Delete", true, true, SeedClient::delete));

    private final SeedClient client;
    private final int iterations;
    private final int threads;
    private final ProgressBar progress;
    private final PrintStream out;

    SeedBenchmark(SeedClient client, int iterations, int threads, ProgressBar progress, PrintStream out) {
        this.client = client;
        this.iterations = iterations;
        this.threads = threads;
        this.progress = progress;
        this.out = out;
    }

    /** Runs every operation; the map is the article's result format, in the article's order. */
    Map<String, Map<String, Double>> run() {
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (Operation operation : OPERATIONS) {
            Map<String, Double> times = new LinkedHashMap<>();
            times.put("single_threaded", measure(operation, true));
            times.put("multi_threaded", measure(operation, false));
            results.put(operation.name(), times);
            out.printf(Locale.ROOT, "%nBenchmarking %s:%n", operation.name());
            out.printf(Locale.ROOT, "  Single-threaded: %.6f ms per operation%n", times.get("single_threaded"));
            out.printf(Locale.ROOT, "  Multi-threaded:  %.6f ms per operation%n", times.get("multi_threaded"));
        }
        return results;
    }

    /** Prepare, time, clean up: one half of an operation's benchmark. */
    private double measure(Operation operation, boolean singleThreaded) {
        String phase = operation.name() + (singleThreaded ? " single-threaded" : " multi-threaded");
        String step = phase + ": prepare";
        try {
            List<Long> ids = operation.needsIds() ? phased(step, () -> inPool(i -> client.create())) : null;
            step = phase;
            double millis = phased(step, () -> time(operation, singleThreaded, ids));
            if (ids != null && !operation.usesUpIds()) {
                step = phase + ": cleanup";
                phased(step, () -> inPool(i -> {
                    client.delete(ids.get(i));
                    return null;
                }));
            }
            return millis;
        } catch (BenchmarkException e) {
            throw new BenchmarkException(step + ": " + e.getMessage(), e);
        }
    }

    private double time(Operation operation, boolean singleThreaded, List<Long> ids) {
        long start = System.nanoTime();
        if (singleThreaded) {
            for (int i = 0; i < iterations; i++) {
                operation.call().perform(client, ids == null ? 0 : ids.get(i));
                progress.step();
            }
        } else {
            inPool(i -> {
                operation.call().perform(client, ids == null ? 0 : ids.get(i));
                return null;
            });
        }
        return (System.nanoTime() - start) / 1e6 / iterations;
    }

    /** Runs one phase of N steps under the progress bar. */
    private <T> T phased(String label, Supplier<T> phase) {
        progress.start(label, iterations);
        try {
            return phase.get();
        } finally {
            progress.finish();
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run(int index);
    }

    /**
     * Submits N steps to a fresh pool and waits for all, like Python's
     * {@code with ThreadPoolExecutor(max_workers=threads)}: starting and joining the pool's
     * threads is inside the time, as it is in the article. The first failure stops the rest.
     */
    private <T> List<T> inPool(Step<T> step) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>(iterations);
            for (int i = 0; i < iterations; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    T value = step.run(index);
                    progress.step();
                    return value;
                }));
            }
            List<T> values = new ArrayList<>(iterations);
            for (Future<T> future : futures) {
                values.add(future.get());
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            return values;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BenchmarkException failure ? failure
                    : new BenchmarkException("unexpected failure: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
