package io.github.todo.core.internal.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the writer moves the store onto a copy of its removed file: readers held and reconnected. */
final class ReaderHold implements SingleWriter.Rescue {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderHold.class);

    private final String name;
    private final DataSource files;
    private final CountingDataSource readerConnections;
    private final HikariDataSource pool;
    private final SqlSessionFactory sessions;
    private final SqliteQuickReads quickReads;

    ReaderHold(String name, DataSource files, CountingDataSource readerConnections, HikariDataSource pool,
               SqlSessionFactory sessions, SqliteQuickReads quickReads) {
        this.name = name;
        this.files = files;
        this.readerConnections = readerConnections;
        this.pool = pool;
        this.sessions = sessions;
        this.quickReads = quickReads;
    }

    @Override
    public boolean closeReaders() {
        HikariPoolMXBean readers = pool.getHikariPoolMXBean();
        readers.suspendPool();
        quickReads.hold();
        readers.softEvictConnections(); // idle ones close now, busy ones when they come back
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (readerConnections.open() > 0) { // Hikari's own count drops before the close is done
            if (System.nanoTime() > deadline) {
                LOG.warn("{} - reads still running after 5 s; the removed file is copied back later", name);
                readers.resumePool();
                quickReads.resume();
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    @Override
    public void resumeReaders() {
        pool.getHikariPoolMXBean().resumePool();
        quickReads.resume();
    }

    @Override
    public SqlSession openSession() throws SQLException {
        return sessions.openSession(ExecutorType.REUSE, files.getConnection());
    }
}
