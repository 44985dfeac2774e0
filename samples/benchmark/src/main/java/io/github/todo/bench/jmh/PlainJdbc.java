package io.github.todo.bench.jmh;

import io.github.todo.core.Task;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline: a plain sqlite-jdbc connection from {@link DriverManager}, set up the way
 * todo-core sets up its own (WAL, {@code synchronous=NORMAL}, a busy timeout), with the same
 * table and the same two statements as todo-core's mapper.
 */
final class PlainJdbc {

    static final String SCHEMA = "CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " name TEXT NOT NULL, done INTEGER NOT NULL CHECK (done IN (0,1)))";
    static final String INSERT = "INSERT INTO tasks (name, done) VALUES (?, ?) RETURNING id, name, done";
    static final String SELECT_BY_ID = "SELECT id, name, done FROM tasks WHERE id = ?";

    private PlainJdbc() {
        // Prevent instantiation
    }

    static Connection open(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("PRAGMA busy_timeout=5000");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    static void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        }
    }

    /** Runs a prepared {@link #INSERT}; autocommit decides whether it is its own transaction. */
    static Task insert(PreparedStatement insert, String name) throws SQLException {
        insert.setString(1, name);
        insert.setInt(2, 0);
        try (ResultSet row = insert.executeQuery()) {
            row.next();
            return task(row);
        }
    }

    /** Runs a prepared {@link #SELECT_BY_ID}; the id must exist. */
    static Task select(PreparedStatement select, long id) throws SQLException {
        select.setLong(1, id);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("no task " + id);
            }
            return task(row);
        }
    }

    private static Task task(ResultSet row) throws SQLException {
        return new Task(row.getLong(1), row.getString(2), row.getInt(3) != 0);
    }
}
