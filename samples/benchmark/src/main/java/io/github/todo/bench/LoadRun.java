package io.github.todo.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** One load run: a connected {@link LoadWorker} per connection, started together, joined, merged. */
final class LoadRun {

    /** What to run, from the command line. */
    record Settings(LoadOp op, int connections, double seconds, double warmupSeconds, int timeoutMillis) {
    }

    private LoadRun() {
        // Prevent instantiation
    }

    static LoadResult run(Target target, Settings settings, String server, long[] pool, DeleteIds deleteIds) {
        HttpRequests requests = new HttpRequests(target);
        try (Watchdog watchdog = new Watchdog(settings.timeoutMillis())) {
            return drive(target, settings, server, pool, deleteIds, requests, connectAll(target, settings.connections(), watchdog));
        }
    }

    private static LoadResult drive(Target target, Settings settings, String server, long[] pool, DeleteIds deleteIds,
                                    HttpRequests requests, List<RawHttpConnection> connections) {
        // The clock starts once every connection is up, as wrk connects before it counts.
        long start = System.nanoTime();
        long warmup = (long) (settings.warmupSeconds() * 1e9);
        RunWindow window = new RunWindow(start + warmup, start + warmup + (long) (settings.seconds() * 1e9));
        List<LoadWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            RequestSource source = new RequestSource(settings.op(), requests, pool, deleteIds, start + 7919L * i);
            LoadWorker worker = new LoadWorker(connections.get(i), source, window);
            workers.add(worker);
            Thread thread = new Thread(worker, "load-" + i);
            threads.add(thread);
            thread.start();
        }
        joinAll(threads);
        return merge(settings, target, server, window, workers, deleteIds.size());
    }

    private static List<RawHttpConnection> connectAll(Target target, int count, Watchdog watchdog) {
        List<RawHttpConnection> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawHttpConnection connection = RawHttpConnection.watched(target, watchdog);
            connections.add(connection);
            try {
                connection.open();
            } catch (IOException e) {
                connections.forEach(RawHttpConnection::close);
                throw new BenchmarkException("cannot connect to " + target.url() + ": " + e, e);
            }
        }
        return connections;
    }

    private static LoadResult merge(Settings settings, Target target, String server, RunWindow window,
                                    List<LoadWorker> workers, int deletePool) {
        Histogram latency = new Histogram(LoadWorker.MAX_RECORDED_NANOS, 3);
        Map<Integer, Long> non2xx = new TreeMap<>();
        Map<String, Long> kinds = new LinkedHashMap<>();
        long requests = 0;
        long socketErrors = 0;
        String lastError = null;
        for (LoadWorker worker : workers) {
            latency.add(worker.latency());
            requests += worker.requests();
            socketErrors += worker.socketErrors();
            worker.non2xx().forEach((status, count) -> non2xx.merge(status, count, Long::sum));
            if (worker.lastError() != null) {
                lastError = worker.lastError().toString();
            }
            for (RequestSource.Kind kind : RequestSource.Kind.values()) {
                kinds.merge(kind.label(), worker.count(kind), Long::sum);
            }
        }
        kinds.values().removeIf(count -> count == 0);
        return new LoadResult(settings.op(), server, target.url().toString(), settings.connections(),
                settings.warmupSeconds(), window.measuredSeconds(), requests, non2xx, socketErrors, lastError,
                latency, settings.op() == LoadOp.MIXED ? kinds : Map.of(), deletePool, window.endedEarly());
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                threads.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
                throw new BenchmarkException("interrupted during the run", e);
            }
        }
    }
}
