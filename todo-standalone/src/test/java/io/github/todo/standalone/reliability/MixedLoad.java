package io.github.todo.standalone.reliability;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Mixed CRUD over many keep-alive connections, one thread each: 60% reads, 20% creates, 15%
 * updates, 5% deletes, on tasks the clients share. Counts every status and every broken
 * connection, and records each request's latency.
 */
final class MixedLoad {

    /** The operations, in the order of {@link Report#byOperation()}. */
    static final List<String> OPERATIONS = List.of("read", "create", "update", "delete");

    /** What a run measured; latencies in microseconds. */
    record Report(long requests, long[] byOperation, long[] byStatus, long connectionErrors, String firstError, long unexpected,
                  Histogram latency, Duration elapsed, List<String> timeline) {

        long status5xx() {
            long sum = 0;
            for (int s = 500; s < 600; s++) {
                sum += byStatus[s];
            }
            return sum;
        }

        double throughput() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    private final InetSocketAddress server;
    private final AtomicLongArray ids = new AtomicLongArray(1024); // shared task ids; 0 = empty slot
    private final LongAdder progress = new LongAdder();

    MixedLoad(InetSocketAddress server) {
        this.server = server;
    }

    /** Creates tasks to read and change, one per shared slot, so the run starts on a store with data. */
    void seed() throws IOException {
        int count = ids.length();
        try (HttpConnection http = new HttpConnection(server, Duration.ofSeconds(30))) {
            for (int i = 0; i < count; i++) {
                HttpConnection.Response created = http.send("POST", "/tasks", "{\"name\":\"seed " + i + "\",\"done\":false}");
                if (created.status() != 201) {
                    throw new IOException("seeding: POST answered " + created.status());
                }
                ids.set(i, created.id());
            }
        }
    }

    /**
     * Runs {@code connections} clients for {@code duration}. Every {@code every}, when {@code log} is
     * not null, prints the requests so far and {@code rssKib}.
     */
    Report run(int connections, Duration duration, PrintStream log, Duration every, LongSupplier rssKib)
            throws IOException, InterruptedException {
        List<LoadClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                clients.add(new LoadClient(new HttpConnection(server, Duration.ofSeconds(30)), server, ids, progress));
            }
        } catch (IOException e) {
            clients.forEach(LoadClient::close);
            throw new IOException("could only open " + clients.size() + " of " + connections + " connections", e);
        }
        List<String> timeline = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        if (log != null) {
            ticker.scheduleAtFixedRate(() -> {
                String line = String.format("%5.0f s: %,d requests, server RSS %,d KiB",
                        (System.nanoTime() - start) / 1e9, progress.sum(), rssKib.getAsLong());
                timeline.add(line);
                log.println(line);
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        CountDownLatch finished = new CountDownLatch(clients.size());
        for (LoadClient client : clients) {
            Thread thread = new Thread(() -> {
                try {
                    client.runUntil(deadline);
                } finally {
                    finished.countDown();
                }
            }, "load-client");
            thread.start();
        }
        finished.await();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        ticker.shutdownNow();
        return report(clients, elapsed, timeline);
    }

    /** One report of several runs, as if they were one. */
    static Report merge(List<Report> runs) {
        return merge(runs, runs.stream().map(Report::elapsed).reduce(Duration.ZERO, Duration::plus), List.of());
    }

    private static Report report(List<LoadClient> clients, Duration elapsed, List<String> timeline) {
        List<Report> each = new ArrayList<>();
        for (LoadClient client : clients) {
            each.add(client.report(elapsed));
            client.close();
        }
        return merge(each, elapsed, List.copyOf(timeline));
    }

    private static Report merge(List<Report> runs, Duration elapsed, List<String> timeline) {
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long[] byOperation = new long[OPERATIONS.size()];
        long[] byStatus = new long[600];
        long requests = 0;
        long errors = 0;
        long unexpected = 0;
        String firstError = null;
        for (Report run : runs) {
            latency.add(run.latency());
            for (int i = 0; i < byOperation.length; i++) {
                byOperation[i] += run.byOperation()[i];
            }
            for (int s = 0; s < byStatus.length; s++) {
                byStatus[s] += run.byStatus()[s];
            }
            requests += run.requests();
            errors += run.connectionErrors();
            unexpected += run.unexpected();
            firstError = firstError != null ? firstError : run.firstError();
        }
        return new Report(requests, byOperation, byStatus, errors, firstError, unexpected, latency, elapsed, timeline);
    }
}
