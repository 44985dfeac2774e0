package io.github.todo.bench;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One connection's closed loop: send a request, read the answer, record, repeat until the
 * window ends. The latency is send-to-last-byte per request, as wrk measures it (no correction
 * for coordinated omission: this is a closed loop, the server sets the pace).
 * Each worker has its own histogram and counters, merged after the run, so recording needs no
 * locks or shared writes.
 */
final class LoadWorker implements Runnable {

    /** Latencies above a minute are recorded as a minute; the run has long failed by then. */
    static final long MAX_RECORDED_NANOS = TimeUnit.MINUTES.toNanos(1);

    // A refused or reset connection fails at once; without a pause the loop would spin the CPU the server needs.
    private static final long PAUSE_AFTER_ERROR_MILLIS = 10;

    private final RawHttpConnection connection;
    private final RequestSource source;
    private final RunWindow window;
    private final Histogram latency = new Histogram(MAX_RECORDED_NANOS, 3);
    private final long[] kinds = new long[RequestSource.Kind.values().length];
    private final Map<Integer, Long> non2xx = new TreeMap<>();
    private long requests;
    private long socketErrors;
    private IOException lastError;

    LoadWorker(RawHttpConnection connection, RequestSource source, RunWindow window) {
        this.connection = connection;
        this.source = source;
        this.window = window;
    }

    @Override
    public void run() {
        try {
            while (true) {
                long start = System.nanoTime();
                if (window.isOver(start)) {
                    return;
                }
                RequestSource.Kind kind = source.next();
                if (kind == null) {
                    window.runOut(start);
                    return;
                }
                send(start, kind, window.isMeasured(start));
            }
        } finally {
            connection.close();
        }
    }

    private void send(long start, RequestSource.Kind kind, boolean measured) {
        try {
            int status = connection.exchange(source.bytes(), source.length());
            long nanos = System.nanoTime() - start;
            if (measured) {
                requests++;
                kinds[kind.ordinal()]++;
                latency.recordValue(Math.min(nanos, MAX_RECORDED_NANOS));
                if (status < 200 || status > 299) {
                    non2xx.merge(status, 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            if (measured) {
                socketErrors++;
                lastError = e;
            }
            pauseAfterError();
        }
    }

    private static void pauseAfterError() {
        try {
            Thread.sleep(PAUSE_AFTER_ERROR_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Histogram latency() {
        return latency;
    }

    long requests() {
        return requests;
    }

    long count(RequestSource.Kind kind) {
        return kinds[kind.ordinal()];
    }

    Map<Integer, Long> non2xx() {
        return non2xx;
    }

    long socketErrors() {
        return socketErrors;
    }

    /** The last I/O error in the measured part, for the report; {@code null} if none. */
    IOException lastError() {
        return lastError;
    }
}
