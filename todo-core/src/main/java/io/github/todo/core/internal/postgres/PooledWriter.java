package io.github.todo.core.internal.postgres;

import io.github.todo.core.StoreException;
import io.github.todo.core.TodoException;
import io.github.todo.core.internal.StoreErrors;
import io.github.todo.core.internal.StoreThreads;
import io.github.todo.core.internal.StoreWriter;
import io.github.todo.core.internal.mapper.TaskMapper;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes for PostgreSQL: each runs in its own transaction on a pooled connection, concurrently with
 * the others and with writes from other servers. The pool size bounds how many run at once; a
 * caller waits for a free connection at most as long as the pool's connection timeout. Writes
 * submitted without waiting run on a few threads of their own, one per pooled connection.
 */
final class PooledWriter implements StoreWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PooledWriter.class);

    /** How long {@link #stop()} waits for writes under way, like HikariCP's own close. */
    private static final long STOP_WAIT_SECONDS = 10;

    private final String name;
    private final SqlSessionFactory sessions;
    /** Each write holds the read lock; {@link #stop()} takes the write lock, so it waits for them all. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final LongAdder writes = new LongAdder();
    private volatile boolean closing;
    private boolean stopped;

    /** Runs {@link #submitAsync}'s writes: as many threads as connections, a bounded queue. */
    private final ThreadPoolExecutor async;

    PooledWriter(String name, SqlSessionFactory sessions, int threads, int queueCapacity) {
        this.name = name;
        this.sessions = sessions;
        this.async = StoreThreads.fixed(name + "-write", threads, queueCapacity);
    }

    @Override
    public <T> CompletableFuture<T> submitAsync(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
        return StoreThreads.supply(async, "write", () -> submit(work, afterCommit));
    }

    @Override
    public <T> T submit(Function<TaskMapper, T> work) {
        if (closing || !gate.readLock().tryLock()) {
            throw new StoreException("the store is closed");
        }
        try {
            return run(work);
        } finally {
            gate.readLock().unlock();
        }
    }

    private <T> T run(Function<TaskMapper, T> work) {
        try (SqlSession session = sessions.openSession(false)) {
            try {
                T result = work.apply(session.getMapper(TaskMapper.class));
                // Forced: MyBatis counts our INSERT/UPDATE ... RETURNING <select>s as reads and
                // would otherwise skip the commit.
                session.commit(true);
                writes.increment();
                return result;
            } catch (RuntimeException e) {
                rollback(session, e);
                throw e;
            }
        } catch (TodoException e) {
            throw e; // a verdict on this write, such as "not found"; nothing of it was kept
        } catch (RuntimeException e) {
            throw StoreErrors.wrap("cannot write", e);
        }
    }

    private static void rollback(SqlSession session, RuntimeException failure) {
        try {
            session.rollback(true);
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure); // the connection is likely gone; the pool drops it
        }
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        closing = true;
        async.shutdown(); // writes still queued there fail with "the store is closed"; none was acknowledged
        try {
            // Held for good once taken: no write starts after stop.
            if (!gate.writeLock().tryLock(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} - writes still running after {} s; closing anyway", name, STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long batchCount() {
        return writes.sum(); // one transaction per write
    }

    @Override
    public long writeCount() {
        return writes.sum();
    }

    @Override
    public int queueDepth() {
        return 0; // no queue: a write waits for a pooled connection instead
    }

    @Override
    public void close() {
        stop();
    }
}
