package io.github.todo.standalone.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/** One connection of a {@link MixedLoad}: picks an operation, sends it, counts the outcome. */
final class LoadClient {

    private static final int READ = 0;
    private static final int CREATE = 1;
    private static final int UPDATE = 2;
    private static final int DELETE = 3;
    private static final String[] OPERATIONS = {"read", "create", "update", "delete"};

    private final InetSocketAddress server;
    private final AtomicLongArray ids;
    private final LongAdder progress;
    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final long[] byOperation = new long[4];
    private final long[] byStatus = new long[600];
    private HttpConnection http;
    private long connectionErrors;
    private String firstError;
    private long unexpected;

    LoadClient(HttpConnection http, InetSocketAddress server, AtomicLongArray ids, LongAdder progress) {
        this.http = http;
        this.server = server;
        this.ids = ids;
        this.progress = progress;
    }

    void runUntil(long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            int dice = random.nextInt(100);
            int operation = dice < 60 ? READ : dice < 80 ? CREATE : dice < 95 ? UPDATE : DELETE;
            int slot = random.nextInt(ids.length());
            long id = ids.get(slot);
            for (int tries = 0; id == 0 && operation != CREATE && tries < 8; tries++) {
                slot = random.nextInt(ids.length()); // deleted a moment ago: pick another task
                id = ids.get(slot);
            }
            if (id == 0) {
                operation = CREATE;
            }
            long start = System.nanoTime();
            try {
                int status = send(operation, id, slot, random);
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - start) / 1000));
                byOperation[operation]++;
                byStatus[Math.min(status, byStatus.length - 1)]++;
                if (status < 500 && !expected(operation, status)) {
                    unexpected++;
                }
            } catch (IOException e) {
                connectionErrors++;
                if (firstError == null) {
                    firstError = String.format("%s after %d ms: %s", OPERATIONS[operation], (System.nanoTime() - start) / 1_000_000, e);
                }
                reconnect();
            }
            progress.increment();
        }
    }

    private int send(int operation, long id, int slot, ThreadLocalRandom random) throws IOException {
        switch (operation) {
            case READ:
                return random.nextInt(10) == 0
                        ? http.get("/tasks?limit=20&after=" + Math.max(0, id - 10)).status()
                        : http.get("/tasks/" + id).status();
            case CREATE: {
                HttpConnection.Response created = http.send("POST", "/tasks",
                        "{\"name\":\"load " + random.nextInt(1_000_000) + "\",\"done\":false}");
                if (created.status() == 201) {
                    ids.set(slot, created.id());
                }
                return created.status();
            }
            case UPDATE:
                return random.nextBoolean()
                        ? http.send("PUT", "/tasks/" + id, "{\"name\":\"updated " + random.nextInt(1000) + "\",\"done\":true}").status()
                        : http.send("PATCH", "/tasks/" + id, "{\"done\":" + random.nextBoolean() + "}").status();
            default: {
                int status = http.send("DELETE", "/tasks/" + id, null).status();
                ids.compareAndSet(slot, id, 0);
                return status;
            }
        }
    }

    /** 404 is fine for an id another client deleted a moment ago; anything else below 500 is not. */
    private static boolean expected(int operation, int status) {
        return switch (operation) {
            case CREATE -> status == 201;
            case DELETE -> status == 204 || status == 404;
            default -> status == 200 || status == 404;
        };
    }

    private void reconnect() {
        http.close();
        try {
            http = new HttpConnection(server, Duration.ofSeconds(30));
        } catch (IOException e) {
            connectionErrors++; // counted again; the next request tries once more
        }
    }

    /** What this client saw, as a report of its own; {@code firstError}: with the operation and how long it had waited. */
    MixedLoad.Report report(Duration elapsed) {
        long requests = 0;
        for (long count : byOperation) {
            requests += count;
        }
        return new MixedLoad.Report(requests, byOperation, byStatus, connectionErrors, firstError, unexpected, latency, elapsed, List.of());
    }

    void close() {
        http.close();
    }
}
