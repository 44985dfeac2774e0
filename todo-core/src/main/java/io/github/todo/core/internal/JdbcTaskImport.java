package io.github.todo.core.internal;

import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskImport;
import io.github.todo.core.TaskRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link TaskImport} on one connection of its own, in one transaction. SQLite inserts row by row
 * (the driver would anyway), so a refused row is known; PostgreSQL sends rows in batches, one round
 * trip per {@value #BATCH} rows.
 */
final class JdbcTaskImport implements TaskImport {

    private static final int BATCH = 1000;

    private final String name;
    private final Connection connection;
    private final Dialect dialect;
    private final TaskRules rules;
    private final PreparedStatement insert;
    private long added;
    private long highestId;
    private long sequenceAtLeast;
    private int pending;
    private boolean finished;

    /** An import on a connection of its own from {@code store}, which it closes. */
    static JdbcTaskImport begin(Store store, TaskRules rules, Object where) {
        Connection connection = null;
        try {
            connection = store.writableConnection();
            return new JdbcTaskImport(store.name(), connection, store.dialect(), rules);
        } catch (SQLException e) {
            Closeables.closeQuietly(connection);
            throw StoreErrors.wrap("cannot start an import into " + where, e);
        }
    }

    JdbcTaskImport(String name, Connection connection, Dialect dialect, TaskRules rules) throws SQLException {
        this.name = name;
        this.connection = connection;
        this.dialect = dialect;
        this.rules = rules;
        connection.setAutoCommit(false);
        // The identity column is GENERATED ALWAYS: an id of our own must say so.
        this.insert = connection.prepareStatement(dialect == Dialect.SQLITE
                ? "INSERT INTO tasks (id, name, done) VALUES (?, ?, ?)"
                : "INSERT INTO tasks (id, name, done) OVERRIDING SYSTEM VALUE VALUES (?, ?, ?)");
    }

    @Override
    public void add(Task task) {
        checkOpen();
        rules.checkId(task.id());
        rules.check(new TaskDraft(task.name(), task.done()));
        try {
            insert.setLong(1, task.id());
            insert.setString(2, task.name());
            insert.setBoolean(3, task.done());
            if (dialect == Dialect.SQLITE) {
                insert.executeUpdate();
            } else {
                insert.addBatch();
                if (++pending == BATCH) {
                    flush();
                }
            }
        } catch (SQLException e) {
            close();
            throw StoreErrors.wrap("cannot import task " + task.id(), e);
        }
        added++;
        highestId = Math.max(highestId, task.id());
    }

    @Override
    public void idSequenceAtLeast(long id) {
        checkOpen();
        sequenceAtLeast = Math.max(sequenceAtLeast, id);
    }

    @Override
    public long commit() {
        checkOpen();
        try {
            flush();
            long wanted = Math.max(highestId, sequenceAtLeast);
            if (wanted > SchemaVersions.idSequence(connection, dialect)) {
                moveSequence(wanted);
            }
            connection.commit();
            finished = true;
            return added;
        } catch (SQLException | RuntimeException e) {
            throw StoreErrors.wrap("cannot commit the import into " + name, e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (finished) {
            closeConnection();
            return;
        }
        finished = true;
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // closing the connection rolls back too
        }
        closeConnection();
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    private void moveSequence(long id) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            // AUTOINCREMENT's counter: inserts have already raised it to the highest id they gave.
            try (PreparedStatement update = connection.prepareStatement("UPDATE sqlite_sequence SET seq = ? WHERE name = 'tasks'")) {
                update.setLong(1, id);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement first = connection.prepareStatement("INSERT INTO sqlite_sequence (name, seq) VALUES ('tasks', ?)")) {
                        first.setLong(1, id);
                        first.executeUpdate();
                    }
                }
            }
        } else {
            try (PreparedStatement setval = connection.prepareStatement(
                    "SELECT setval(pg_get_serial_sequence('tasks', 'id'), ?, true)")) {
                setval.setLong(1, id);
                setval.execute();
            }
        }
    }

    private void closeConnection() {
        try (Statement ignored = insert; Connection closing = connection) {
            // both closed
        } catch (SQLException e) {
            // nothing was committed that closing could lose
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new StoreException("this import is finished: begin another");
        }
    }
}
