package io.github.todo.core;

/**
 * A snapshot of a store's counters and gauges, for monitoring; see {@link TaskService#stats()}.
 * The counters only grow while the store is open; the gauges are values of the moment.
 *
 * <p>The mean group-commit batch size over an interval is the growth of {@link #writes()} divided
 * by the growth of {@link #writeBatches()}: 1 when writes arrive one at a time, more under load.
 *
 * @param writeBatches    transactions the single writer has committed (or tried to) since the store
 *                        opened; one per group commit
 * @param writes          writes those transactions applied
 * @param writeQueueDepth writes waiting for the writer now
 * @param poolActive      read connections in use now
 * @param poolIdle        read connections open and free now
 * @param poolWaiting     threads waiting for a read connection now
 * @param poolMax         the most read connections the pool opens; 0 when reads go through a
 *                        {@code DataSource} the application manages, whose pool is the
 *                        application's to measure (all pool values are 0 then)
 */
public record StoreStats(long writeBatches, long writes, int writeQueueDepth,
                         int poolActive, int poolIdle, int poolWaiting, int poolMax) {

    /** The statistics of a store that keeps none: every value 0. */
    public static final StoreStats NONE = new StoreStats(0, 0, 0, 0, 0, 0, 0);
}
