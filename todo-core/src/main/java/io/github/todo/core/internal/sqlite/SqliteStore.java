package io.github.todo.core.internal.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import io.github.todo.core.Synchronous;
import io.github.todo.core.TodoConfig;
import io.github.todo.core.internal.Closeables;
import io.github.todo.core.internal.Dialect;
import io.github.todo.core.internal.Migrations;
import io.github.todo.core.internal.QuickReads;
import io.github.todo.core.internal.ReadCache;
import io.github.todo.core.internal.ReadPool;
import io.github.todo.core.internal.Sessions;
import io.github.todo.core.internal.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite: reads on a pool of connections (and {@link SqliteQuickReads} on the caller's thread),
 * every write through the {@link SingleWriter}, and, since that writer sees every commit, a read
 * cache kept in step with the database.
 */
public final class SqliteStore extends Store {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    private final SingleWriter writer;
    private final javax.sql.DataSource writable;

    private SqliteStore(String name, SqlSessionFactory sessions, SingleWriter writer, ReadPool pool, ReadCache cache,
                        QuickReads quickReads, javax.sql.DataSource writable) {
        super(name, sessions, writer, cache, quickReads, pool);
        this.writer = writer;
        this.writable = writable;
    }

    /** Opens {@link TodoConfig#databaseFile()}, creating it when it is new, and migrates it. */
    public static SqliteStore open(TodoConfig config) throws SQLException {
        Path file = config.databaseFile();
        String name = "todo[" + file.getFileName() + "]";
        // A file is SQLite before it is opened: its mapper is read meanwhile.
        CompletableFuture<Configuration> mapping = Sessions.mappingAhead(Dialect.SQLITE);
        Connection first = null;
        HikariDataSource pool = null;
        try {
            SqliteSetup.preflight(file, (int) config.busyTimeout().toMillis());
            first = SqliteSetup.dataSource(config).getConnection(); // makes the file when it is new: readers may not
            CountingDataSource readerConnections = SqliteSetup.existingFile(config);
            pool = SqliteSetup.readPool(name, readerConnections, config);
            Migrations.apply(first, Dialect.SQLITE, file);
            SqlSessionFactory sessions = Sessions.factory(pool, Sessions.await(mapping));
            ReadCache cache = cache(config);
            SqliteQuickReads quickReads = new SqliteQuickReads(name, readerConnections, sessions.getConfiguration(), config.poolSize());
            SingleWriter writer = writer(name, first, sessions, config, cache,
                    new ReaderHold(name, SqliteSetup.existingFile(config), readerConnections, pool, sessions, quickReads),
                    new WalCheckpoints(name, pool));
            return new SqliteStore(name, sessions, writer, ReadPool.of(pool), cache, quickReads, SqliteSetup.dataSource(config));
        } catch (RuntimeException | SQLException e) {
            Closeables.closeQuietly(first);
            Closeables.closeQuietly(pool);
            throw e;
        }
    }

    /** Over an application's SQLite DataSource, already migrated through {@code first}, which becomes the writer's. */
    public static SqliteStore overDataSource(String name, TodoConfig config, Connection first) throws SQLException {
        SqlSessionFactory sessions = Sessions.factory(config.dataSource(), Sessions.mapping(Dialect.SQLITE));
        ReadCache cache = cache(config);
        return new SqliteStore(name, sessions, writer(name, first, sessions, config, cache, null,
                new WalCheckpoints(name, config.dataSource())), ReadPool.NONE, cache, QuickReads.OFF, config.dataSource());
    }

    private static ReadCache cache(TodoConfig config) {
        return config.readCacheBytes() > 0 ? new TaskCache(config.readCacheBytes()) : ReadCache.OFF;
    }

    private static SingleWriter writer(String name, Connection connection, SqlSessionFactory sessions,
                                       TodoConfig config, ReadCache cache, SingleWriter.Rescue rescue,
                                       WalCheckpoints checkpoints) throws SQLException {
        // The writer's session lives as long as the store: REUSE keeps its statements prepared.
        SqlSession session = sessions.openSession(ExecutorType.REUSE, connection);
        Runnable externalChange = () -> {
            LOG.debug("{} - another connection changed the database: forgetting cached tasks", name);
            cache.clear();
        };
        return new SingleWriter(name, connection, session, new SingleWriter.WriterSettings(
                config.writeQueueCapacity(), config.busyTimeout().toMillis(), config.maxBatchSize(), "BEGIN IMMEDIATE",
                SingleWriter.WriterSettings.VERDICT_TIMEOUT_MILLIS, config.synchronous() != Synchronous.FULL),
                externalChange, config.databaseFile(), rescue, checkpoints);
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public Connection writableConnection() throws SQLException {
        return writable.getConnection();
    }

    /** SQLite's driver steps through a result as it is read: no transaction needed. */
    @Override
    public SqlSession streamingSession() {
        return sessions().openSession(true);
    }

    @Override
    public void close() {
        quickReads().close();
        try {
            // With every reader gone the checkpoint can fold the whole log back in; there is no
            // connection to do it on when the file could not be opened again after a rescue.
            if (readPool().close() && writer.connection() != null) {
                SqliteSetup.checkpoint(writer.connection());
            }
        } catch (SQLException e) {
            LOG.warn("{} - WAL checkpoint at close failed: {}", name(), e.getMessage());
        } finally {
            writer.close();
        }
    }
}
