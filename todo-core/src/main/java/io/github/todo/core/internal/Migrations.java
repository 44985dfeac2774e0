package io.github.todo.core.internal;

import io.github.todo.core.IncompatibleStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps. A step is never edited once released; a change is a new step at
 * the end of both lists, so a version number means the same schema on SQLite and on PostgreSQL.
 * SQLite records the version in {@code PRAGMA user_version}; PostgreSQL in the table
 * {@code todo_schema_version}, one row per step applied.
 */
public final class Migrations {

    private static final List<String> SQLITE_STEPS = List.of(
            // 1: AUTOINCREMENT so the id of a deleted task is never handed out again.
            """
            CREATE TABLE tasks (
                id   INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT    NOT NULL,
                done INTEGER NOT NULL CHECK (done IN (0, 1))
            )""",
            // 2: a version per task, raised by every change, for conditional writes (If-Match);
            // the rows already there start at 1
            "ALTER TABLE tasks ADD COLUMN version INTEGER NOT NULL DEFAULT 1"
    );

    private static final List<String> POSTGRESQL_STEPS = List.of(
            // 1: an identity column hands out each id once, so a deleted task's id is never reused.
            """
            CREATE TABLE tasks (
                id   BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name TEXT    NOT NULL,
                done BOOLEAN NOT NULL
            )""",
            // 2: as on SQLite
            "ALTER TABLE tasks ADD COLUMN version BIGINT NOT NULL DEFAULT 1"
    );

    /** The schema version this code writes. */
    public static final int CURRENT = SQLITE_STEPS.size();

    /** Any constant will do, as long as every todo server takes the same one: "todomigr" in ASCII. */
    private static final long POSTGRESQL_LOCK = 0x746F_646F_6D69_6772L;

    static {
        if (POSTGRESQL_STEPS.size() != CURRENT) {
            throw new AssertionError("a migration step is missing for one of the databases");
        }
    }

    private Migrations() {
        // Prevent instantiation
    }

    public static void checkNotNewer(Connection connection, Object where) throws SQLException {
        checkNotNewer(userVersion(connection), where);
    }

    /** Brings the schema up to date in one transaction; safe when other processes or servers race us. */
    public static void apply(Connection connection, Dialect dialect, Object where) throws SQLException {
        switch (dialect) {
            case SQLITE -> applySqlite(connection, where);
            case POSTGRESQL -> applyPostgresql(connection, where);
        }
    }

    private static void checkNotNewer(int version, Object where) {
        if (version > CURRENT) {
            throw new IncompatibleStoreException(where + " has schema version " + version
                    + ", newer than this version of todo understands (" + CURRENT + ")");
        }
    }

    private static void applySqlite(Connection connection, Object where) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (userVersion(connection) == CURRENT) {
                return;
            }
            statement.execute("BEGIN IMMEDIATE");
            try {
                // Read again under the write lock: another process may have migrated meanwhile.
                checkNotNewer(connection, where);
                for (int step = userVersion(connection); step < CURRENT; step++) {
                    statement.execute(SQLITE_STEPS.get(step));
                }
                // PRAGMA takes no bound parameters; CURRENT is our own constant.
                statement.execute("PRAGMA user_version = " + CURRENT);
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /**
     * Every server that starts runs this; those starting together queue on an advisory lock that
     * the transaction's end releases, and each reads the version again once it holds the lock, so
     * the steps run exactly once.
     */
    private static void applyPostgresql(Connection connection, Object where) throws SQLException {
        int version = postgresqlVersion(connection);
        checkNotNewer(version, where);
        if (version == CURRENT) {
            return; // the usual start: no lock and no DDL, so a user without CREATE rights can run it
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + POSTGRESQL_LOCK + ")");
            // Only under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide.
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS todo_schema_version (
                        version    INTEGER     PRIMARY KEY,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )""");
            version = postgresqlVersion(connection);
            checkNotNewer(version, where);
            try (PreparedStatement record = connection.prepareStatement("INSERT INTO todo_schema_version (version) VALUES (?)")) {
                for (int step = version; step < CURRENT; step++) {
                    statement.execute(POSTGRESQL_STEPS.get(step));
                    record.setInt(1, step + 1);
                    record.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int postgresqlVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
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

    private static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA user_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
