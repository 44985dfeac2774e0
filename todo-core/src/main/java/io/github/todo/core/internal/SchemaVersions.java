package io.github.todo.core.internal;

import io.github.todo.core.TodoConfig;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Reads a database's schema version and id sequence without changing anything: for
 * {@code todo schema-version}, {@code todo migrate --dry-run} and copies. Not API.
 */
public final class SchemaVersions {

    /** The schema version this code writes. */
    public static final int CURRENT = Migrations.CURRENT;

    private SchemaVersions() {
        // Prevent instantiation
    }

    /** See {@link io.github.todo.core.TaskService#schemaVersion(TodoConfig)}. */
    public static int read(TodoConfig config) {
        Object where = config.databaseFile() != null ? config.databaseFile() : config.location();
        try {
            if (config.databaseFile() != null) {
                if (!Files.exists(config.databaseFile()) || Files.size(config.databaseFile()) == 0) {
                    return 0; // open() would make it, at version 0
                }
                SQLiteConfig readOnly = new SQLiteConfig();
                readOnly.setReadOnly(true);
                SQLiteDataSource file = new SQLiteDataSource(readOnly);
                file.setUrl("jdbc:sqlite:" + config.databaseFile().toAbsolutePath());
                try (Connection connection = file.getConnection()) {
                    return version(connection, Dialect.SQLITE);
                }
            }
            try (Connection connection = connect(config)) {
                return version(connection, Dialect.of(connection, where));
            }
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            if (StoreErrors.isNotADatabase(e)) {
                throw StoreErrors.notADatabase(config.databaseFile(), e);
            }
            throw StoreErrors.wrap("cannot read the schema version of " + config.location(), e);
        }
    }

    private static Connection connect(TodoConfig config) throws SQLException {
        if (config.dataSource() != null) {
            return config.dataSource().getConnection();
        }
        Properties credentials = new Properties();
        if (config.user() != null) {
            credentials.setProperty("user", config.user());
        }
        if (config.password() != null) {
            credentials.setProperty("password", config.password());
        }
        return DriverManager.getConnection(config.jdbcUrl(), credentials);
    }

    static int version(Connection connection, Dialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (dialect == Dialect.SQLITE) {
                try (ResultSet row = statement.executeQuery("PRAGMA user_version")) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
            // to_regclass answers null for a missing table, where a SELECT from it would fail
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('todo_schema_version') IS NOT NULL")) {
                if (!exists.next() || !exists.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM todo_schema_version")) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /** The highest id handed out: SQLite's AUTOINCREMENT counter, or PostgreSQL's identity sequence. */
    /** {@link io.github.todo.core.TaskService#idSequence()} of {@code store}. */
    static long idSequence(Store store, Object where) {
        try (Connection connection = store.sessions().getConfiguration().getEnvironment().getDataSource().getConnection()) {
            return idSequence(connection, store.dialect());
        } catch (SQLException e) {
            throw StoreErrors.wrap("cannot read the id sequence of " + where, e);
        }
    }

    static long idSequence(Connection connection, Dialect dialect) throws SQLException {
        String query = dialect == Dialect.SQLITE
                ? "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'tasks'"
                // null until the sequence has handed out a value
                : "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('tasks', 'id')::regclass), 0)";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
