package io.github.todo.bench;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A one-line progress bar on stderr, repainted in place with {@code \r}. The timed loops only
 * bump a {@link LongAdder}; a daemon thread paints ten times a second, so drawing costs the
 * measured requests nothing. {@link #disabled()} is a no-op for pipes, files and tests.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final ScheduledExecutorService painter;
    private final LongAdder done = new LongAdder();
    private String label = "";
    private long total;
    private int lastLength;

    private ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.painter = enabled ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "progress-bar");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (enabled) {
            painter.scheduleAtFixedRate(this::paint, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    static ProgressBar on(PrintStream err) {
        return new ProgressBar(err, true);
    }

    static ProgressBar disabled() {
        return new ProgressBar(null, false);
    }

    /** Starts a new phase of {@code total} steps. */
    synchronized void start(String label, long total) {
        this.label = label;
        this.total = total;
        done.reset();
        paint();
    }

    /** One step done; safe from any thread. */
    void step() {
        done.increment();
    }

    /** Ends the phase and clears the line, so the results printed next start on a clean line. */
    synchronized void finish() {
        if (painter != null && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
        total = 0;
    }

    private synchronized void paint() {
        if (painter == null || total == 0) {
            return;
        }
        long count = Math.min(done.sum(), total);
        int filled = (int) (WIDTH * count / total);
        String line = String.format("%-34s [%s%s] %d/%d", label, "#".repeat(filled), ".".repeat(WIDTH - filled), count, total);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    @Override
    public void close() {
        finish();
        if (painter != null) {
            painter.shutdownNow();
        }
    }
}
