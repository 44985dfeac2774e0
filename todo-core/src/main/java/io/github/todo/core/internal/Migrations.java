package io.github.todo.core.internal;

import io.github.todo.core.IncompatibleStoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps recorded in {@code PRAGMA user_version}. A step is never edited
 * once released; a change is a new step at the end.
 */
final class Migrations {

    private static final List<String> STEPS = List.of(
            // 1: AUTOINCREMENT so the id of a deleted task is never handed out again.
            """
            CREATE TABLE tasks (
                id   INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT    NOT NULL,
                done INTEGER NOT NULL CHECK (done IN (0, 1))
            )"""
    );

    /** The schema version this code writes. */
    static final int CURRENT = STEPS.size();

    private Migrations() {
        // Prevent instantiation
    }

    static void checkNotNewer(Connection connection, Object where) throws SQLException {
        int version = userVersion(connection);
        if (version > CURRENT) {
            throw new IncompatibleStoreException(where + " has schema version " + version
                    + ", newer than this version of todo understands (" + CURRENT + ")");
        }
    }

    /** Applies the missing steps in one transaction; safe when another process races us. */
    static void apply(Connection connection, Object where) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (userVersion(connection) == CURRENT) {
                return;
            }
            statement.execute("BEGIN IMMEDIATE");
            try {
                // Read again under the write lock: another process may have migrated meanwhile.
                checkNotNewer(connection, where);
                for (int step = userVersion(connection); step < CURRENT; step++) {
                    statement.execute(STEPS.get(step));
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

    private static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA user_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
