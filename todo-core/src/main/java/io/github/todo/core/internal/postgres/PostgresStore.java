package io.github.todo.core.internal.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.github.todo.core.TodoConfig;
import io.github.todo.core.internal.Closeables;
import io.github.todo.core.internal.Dialect;
import io.github.todo.core.internal.Migrations;
import io.github.todo.core.internal.QuickReads;
import io.github.todo.core.internal.ReadCache;
import io.github.todo.core.internal.ReadPool;
import io.github.todo.core.internal.Sessions;
import io.github.todo.core.internal.Store;
import io.github.todo.core.internal.StoreErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * PostgreSQL: reads and writes alike on pooled connections, writes concurrently
 * ({@link PooledWriter}).
 */
public final class PostgresStore extends Store {

    private PostgresStore(String name, SqlSessionFactory sessions, TodoConfig config, ReadPool pool) {
        // No read cache and no quick reads: other servers may write to the same database.
        super(name, sessions, new PooledWriter(name, sessions, config.poolSize(), config.writeQueueCapacity()),
                ReadCache.OFF, QuickReads.OFF, pool);
    }

    /** Opens {@link TodoConfig#jdbcUrl()} and migrates it. */
    public static PostgresStore open(TodoConfig config) throws SQLException {
        String name = PostgresqlSetup.name(config.jdbcUrl());
        HikariDataSource pool = null;
        try {
            pool = PostgresqlSetup.pool(name, config);
            try (Connection first = pool.getConnection()) {
                Migrations.apply(first, Dialect.of(first, config.location()), config.location());
            }
            return new PostgresStore(name, Sessions.factory(pool, Sessions.mapping(Dialect.POSTGRESQL)), config, ReadPool.of(pool));
        } catch (RuntimeException | SQLException e) {
            Closeables.closeQuietly(pool);
            throw e;
        }
    }

    /** Over an application's PostgreSQL DataSource, already migrated through {@code first}, which is closed. */
    public static PostgresStore overDataSource(String name, TodoConfig config, Connection first) throws SQLException {
        first.close(); // back to the pool: PostgreSQL writes take pooled connections as reads do
        return new PostgresStore(name, Sessions.factory(config.dataSource(), Sessions.mapping(Dialect.POSTGRESQL)), config, ReadPool.NONE);
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    /** A pooled connection: on PostgreSQL the pool's connections write too. */
    @Override
    public Connection writableConnection() throws SQLException {
        return sessions().getConfiguration().getEnvironment().getDataSource().getConnection();
    }

    /**
     * PostgreSQL's driver reads a result through a server-side cursor, fetchSize rows at a time,
     * only inside a transaction; without one it would hold every row in memory at once. Read-only
     * for the transaction, unlike Connection.setReadOnly: nothing to undo on a container's connection.
     */
    @Override
    public SqlSession streamingSession() {
        SqlSession session = sessions().openSession(false);
        try (Statement statement = session.getConnection().createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
            return session;
        } catch (SQLException e) {
            session.close();
            throw StoreErrors.wrap("cannot read tasks", e);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            readPool().close();
        } finally {
            writes().close();
        }
    }
}
