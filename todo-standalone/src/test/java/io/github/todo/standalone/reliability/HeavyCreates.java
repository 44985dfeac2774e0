package io.github.todo.standalone.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Creates tasks with the heaviest names the API takes: 1,000 characters (the default limit, in
 * code points), each an emoji outside the Basic Multilingual Plane, so 4 bytes of UTF-8 and two
 * Java chars apiece. What the read cache and the heap hold per task is largest for these.
 */
final class HeavyCreates {

    /** The default name limit, in code points. */
    static final int NAME_LENGTH = 1000;

    /** What a run did; latencies in microseconds. */
    record Report(long created, long[] byStatus, long connectionErrors, String firstError, Histogram latency, Duration elapsed,
                  long mismatches) {

        long status5xx() {
            long sum = 0;
            for (int s = 500; s < 600; s++) {
                sum += byStatus[s];
            }
            return sum;
        }
    }

    private final InetSocketAddress server;

    HeavyCreates(InetSocketAddress server) {
        this.server = server;
    }

    /**
     * {@code total} creates over {@code connections} keep-alive connections, one thread each; then
     * every connection's last task is read back and compared, character for character.
     */
    Report run(int connections, int total) throws InterruptedException {
        AtomicLong left = new AtomicLong(total);
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Client client = new Client(left);
            clients.add(client);
            Thread thread = new Thread(client, "heavy-creates");
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long[] byStatus = new long[600];
        long created = 0;
        long errors = 0;
        long mismatches = 0;
        String firstError = null;
        for (Client client : clients) {
            latency.add(client.latency);
            for (int s = 0; s < byStatus.length; s++) {
                byStatus[s] += client.byStatus[s];
            }
            created += client.byStatus[201];
            errors += client.errors;
            firstError = firstError != null ? firstError : client.firstError;
            mismatches += client.readBack();
        }
        return new Report(created, byStatus, errors, firstError, latency, elapsed, mismatches);
    }

    /** A name of {@link #NAME_LENGTH} emoji drawn from U+1F600 to U+1F64F. */
    static String heaviestName(ThreadLocalRandom random) {
        StringBuilder name = new StringBuilder(NAME_LENGTH * 2);
        for (int i = 0; i < NAME_LENGTH; i++) {
            name.appendCodePoint(0x1F600 + random.nextInt(0x50));
        }
        return name.toString();
    }

    private final class Client implements Runnable {
        private final AtomicLong left;
        private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        private final long[] byStatus = new long[600];
        private long errors;
        private String firstError;
        private long lastId;
        private String lastName;

        Client(AtomicLong left) {
            this.left = left;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            HttpConnection http = null;
            while (left.getAndDecrement() > 0) {
                String name = heaviestName(random);
                long start = System.nanoTime();
                try {
                    if (http == null) {
                        http = new HttpConnection(server, Duration.ofSeconds(30));
                    }
                    HttpConnection.Response response = http.send("POST", "/tasks", "{\"name\":\"" + name + "\",\"done\":false}");
                    latency.recordValue(Math.min(latency.getHighestTrackableValue(), (System.nanoTime() - start) / 1000));
                    byStatus[Math.min(response.status(), byStatus.length - 1)]++;
                    if (response.status() == 201) {
                        lastId = response.id();
                        lastName = name;
                    }
                } catch (IOException | RuntimeException e) {
                    errors++;
                    firstError = firstError != null ? firstError : e.toString();
                    if (http != null) {
                        http.close();
                        http = null;
                    }
                }
            }
            if (http != null) {
                http.close();
            }
        }

        /** Reads the last task back; 1 when its name did not come back the same. */
        long readBack() {
            if (lastName == null) {
                return 0;
            }
            try (HttpConnection http = new HttpConnection(server, Duration.ofSeconds(30))) {
                HttpConnection.Response read = http.get("/tasks/" + lastId);
                return read.status() == 200 && read.body().contains("\"name\":\"" + lastName + "\"") ? 0 : 1;
            } catch (IOException e) {
                return 1;
            }
        }
    }
}
