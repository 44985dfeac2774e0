package io.github.todo.core.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.github.todo.core.StoreStats;

/** The connection pool a store opened for itself, as its stats and its close see it. */
public interface ReadPool {

    /** A store over an application's DataSource: no pool of ours to report or close. */
    ReadPool NONE = new ReadPool() {
        @Override
        public StoreStats stats(StoreWriter writes) {
            return new StoreStats(writes.batchCount(), writes.writeCount(), writes.queueDepth(), 0, 0, 0, 0);
        }

        @Override
        public boolean close() {
            return false;
        }
    };

    /** The store's own HikariCP pool. */
    static ReadPool of(HikariDataSource pool) {
        return new HikariReadPool(pool);
    }

    /** The writer's counts from {@code writes}, and this pool's connections. */
    StoreStats stats(StoreWriter writes);

    /** Closes the pool; true when there was one of ours, so that every connection of ours but the writer's is now closed. */
    boolean close();
}
