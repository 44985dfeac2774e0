package io.github.todo.core.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.todo.core.StoreStats;

/** {@link ReadPool#of(HikariDataSource)}. */
final class HikariReadPool implements ReadPool {

    private final HikariDataSource pool;

    HikariReadPool(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public StoreStats stats(StoreWriter writes) {
        HikariPoolMXBean connections = pool.getHikariPoolMXBean();
        return new StoreStats(writes.batchCount(), writes.writeCount(), writes.queueDepth(),
                connections.getActiveConnections(), connections.getIdleConnections(),
                connections.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    @Override
    public boolean close() {
        pool.close();
        return true;
    }
}
