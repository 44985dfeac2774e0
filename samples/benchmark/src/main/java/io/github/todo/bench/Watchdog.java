package io.github.todo.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The timeout of {@link RawHttpConnection#watched watched} connections: a daemon thread looks at
 * every connection four times per timeout and aborts a request older than the timeout. A request
 * is so given up after between 1 and 1.25 timeouts, like a timed-out request in wrk.
 */
final class Watchdog implements AutoCloseable {

    private final int timeoutMillis;
    private final List<RawHttpConnection> connections = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    Watchdog(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        long period = Math.max(1, timeoutMillis / 4);
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    int timeoutMillis() {
        return timeoutMillis;
    }

    void watch(RawHttpConnection connection) {
        connections.add(connection);
    }

    private void check() {
        long deadline = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (RawHttpConnection connection : connections) {
            connection.abortIfSentBefore(deadline);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
