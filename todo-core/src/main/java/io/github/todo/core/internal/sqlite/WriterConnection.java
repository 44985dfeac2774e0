package io.github.todo.core.internal.sqlite;

import io.github.todo.core.internal.Closeables;
import io.github.todo.core.internal.Migrations;
import io.github.todo.core.internal.StoreErrors;
import io.github.todo.core.internal.mapper.TaskMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's connection to the file: its MyBatis session (which lives as long as the store, so
 * REUSE keeps its statements prepared), the per-task statements kept over it, and a plain
 * {@link Statement} for transaction control. Used on the writer thread only, but for
 * {@link #isOpen()}. Replaced as a whole by {@link #reopen(SqlSession)} once a rescue has copied a
 * removed file back, or a reopen that failed is tried again.
 */
final class WriterConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriterConnection.class);

    private final String name;
    private final String beginStatement;
    private Connection connection;
    private volatile SqlSession session; // null between closeForMove() and a reopen that worked
    private KeptStatements statements;
    /**
     * Runs BEGIN, COMMIT, ROLLBACK and the pragmas by their text: one plain statement a
     * connection, not prepared statements, since after a storage failure SQLite rolls back on its
     * own and a kept COMMIT statement then fails with "statement is not executing".
     */
    private Statement control;

    WriterConnection(String name, Connection connection, SqlSession session, String beginStatement) throws SQLException {
        this.name = name;
        this.beginStatement = beginStatement;
        this.connection = connection;
        this.session = session;
        this.statements = keptStatements(session);
        this.control = connection.createStatement();
        checkpointsOnlyWhenAsked(control);
    }

    /**
     * SQLite checkpoints in the commit that takes the WAL past 1000 pages: that commit then copies
     * pages and syncs the file, on whatever thread commits (an event loop, here). {@link WalCheckpoints}
     * checkpoints instead.
     */
    private static void checkpointsOnlyWhenAsked(Statement control) throws SQLException {
        control.execute("PRAGMA wal_autocheckpoint = 0");
    }

    /** A checkpoint in {@code mode} (PASSIVE or RESTART) on this connection, between transactions. */
    void checkpoint(String mode) {
        try {
            control.execute("PRAGMA wal_checkpoint(" + mode + ")");
        } catch (SQLException e) {
            LOG.debug("{} - checkpoint failed: {}", name, e.getMessage());
        }
    }

    /** Begins a transaction and returns the statements the writes run through. */
    TaskMapper begin() {
        try {
            control.execute(beginStatement);
        } catch (SQLException e) {
            throw StoreErrors.wrap("cannot start a write", e);
        }
        return statements;
    }

    void commit() {
        try {
            control.execute("COMMIT");
        } catch (SQLException e) {
            throw StoreErrors.wrap("cannot commit a write", e);
        }
    }

    void rollback() {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back on its own (disk full, I/O error)
            LOG.debug("{} - rollback after a failed write: {}", name, e.getMessage());
        }
    }

    /** Rewrites page 1 with what it holds, in the open transaction: the smallest write that still needs the disk. */
    void probe() throws SQLException {
        control.execute("PRAGMA user_version = " + Migrations.CURRENT);
    }

    /** SQLite's {@code data_version}: changes only when another connection commits; {@code otherwise} when it cannot be read. */
    long dataVersion(long otherwise) {
        try (ResultSet row = control.executeQuery("PRAGMA data_version")) {
            return row.next() ? row.getLong(1) : 0;
        } catch (SQLException e) {
            LOG.debug("{} - PRAGMA data_version failed: {}", name, e.getMessage());
            return otherwise;
        }
    }

    boolean isOpen() {
        return session != null;
    }

    /**
     * Copies the database to {@code target} with {@code VACUUM INTO}, first closing the statements
     * kept open, which VACUUM does not allow; {@link #prepareAgain()} after a failure.
     */
    void copyTo(Path target) throws SQLException {
        session.flushStatements(); // closes the statements REUSE keeps
        statements.close();
        control.execute("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
    }

    /** After a failed {@link #copyTo}: the same session goes on, with its statements prepared again. */
    void prepareAgain() {
        try {
            statements.close(); // idempotent: it may not have been closed yet
            statements = keptStatements(session);
        } catch (SQLException | RuntimeException again) {
            // the writes fail (and say so) until a later rescue or reopen prepares them anew
            LOG.warn("{} - cannot prepare the writer's statements again: {}", name, again.getMessage());
        }
    }

    /** Closes the connection so that a copy can take the file's place; {@link #isOpen()} is false until a reopen. */
    void closeForMove() {
        Closeables.closeQuietly(control);
        session.close();
        session = null;
    }

    /** Goes on over {@code fresh}, a session on a new connection to the file at the path. */
    void reopen(SqlSession fresh) throws SQLException {
        Statement freshControl = fresh.getConnection().createStatement();
        checkpointsOnlyWhenAsked(freshControl);
        KeptStatements freshStatements = keptStatements(fresh);
        session = fresh;
        connection = fresh.getConnection();
        statements = freshStatements;
        control = freshControl;
    }

    /** Closes the control statement: the writer thread has ended. */
    void stopped() {
        Closeables.closeQuietly(control);
    }

    /** The connection, null if it could not be reopened; only for use after the writer thread ended. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        if (session != null) {
            statements.close();
            session.close();
        }
    }

    /** The writer's statements: the per-task ones kept prepared, the rest through MyBatis. */
    private static KeptStatements keptStatements(SqlSession session) throws SQLException {
        return new KeptStatements(session.getConnection(), session.getConfiguration(), session.getMapper(TaskMapper.class));
    }
}
