package io.github.todo.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks made before the run for deleting, shared by all connections: each id is taken once, so
 * no request deletes a task that is already gone (a 404 would be an error here). One shared
 * cursor rather than wrk's per-thread ranges, so no connection runs dry while others have ids left.
 */
final class DeleteIds {

    private final long[] ids;
    private final AtomicInteger next = new AtomicInteger();

    DeleteIds(long[] ids) {
        this.ids = ids;
    }

    static DeleteIds none() {
        return new DeleteIds(new long[0]);
    }

    /** The next id, or -1 when all are used. */
    long take() {
        int index = next.getAndIncrement();
        return index < ids.length ? ids[index] : -1;
    }

    int size() {
        return ids.length;
    }
}
