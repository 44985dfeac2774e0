package io.github.todo.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of one load run in {@link System#nanoTime()} terms: requests that start before
 * {@code measureFrom} warm up, requests that start before {@code end} are measured. The end moves
 * forward when the tasks made for deleting run out, so the rate stays deletes per second of a
 * run in which every connection was busy.
 */
final class RunWindow {

    private final long measureFrom;
    private final long plannedEnd;
    private final AtomicLong end;

    RunWindow(long measureFrom, long plannedEnd) {
        this.measureFrom = measureFrom;
        this.plannedEnd = plannedEnd;
        this.end = new AtomicLong(plannedEnd);
    }

    boolean isOver(long now) {
        return now - end.get() >= 0;
    }

    boolean isMeasured(long start) {
        return start - measureFrom >= 0;
    }

    /** Ends the run now: there is nothing left to send. */
    void runOut(long now) {
        end.accumulateAndGet(now, (current, candidate) -> candidate - current < 0 ? candidate : current);
    }

    boolean endedEarly() {
        return end.get() != plannedEnd;
    }

    /** Seconds measured: from the end of the warm-up to the (possibly earlier) end. */
    double measuredSeconds() {
        return Math.max(0, end.get() - measureFrom) / 1e9;
    }
}
