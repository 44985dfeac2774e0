package io.github.todo.core.internal;

import io.github.todo.core.IncompatibleStoreException;
import io.github.todo.core.StoreException;
import io.github.todo.core.TodoException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The single boundary where storage exceptions become {@link TodoException}s. The message is short
 * and safe to show a client; the cause keeps the details for the log.
 */
public final class StoreErrors {

    private StoreErrors() {
        // Prevent instantiation
    }

    public static TodoException wrap(String action, Throwable failure) {
        if (failure instanceof TodoException todo) {
            return todo;
        }
        SQLException sql = findSqlException(failure);
        if (sql instanceof SQLiteException sqlite) {
            return new StoreException(action + ": " + describe(sqlite.getResultCode()), failure);
        }
        SQLiteErrorCode named = sql == null ? null : namedSqliteCode(sql.getMessage());
        if (named != null) {
            return new StoreException(action + ": " + describe(named), failure);
        }
        if (sql != null) {
            return new StoreException(action + ": " + describe(sql), failure);
        }
        return new StoreException(action + ": database error", failure);
    }

    public static boolean isNotADatabase(Throwable failure) {
        return findSqlException(failure) instanceof SQLiteException sqlite
                && primary(sqlite.getResultCode()) == SQLiteErrorCode.SQLITE_NOTADB.code;
    }

    public static IncompatibleStoreException notADatabase(Object where, Throwable cause) {
        return new IncompatibleStoreException(where + " is not a SQLite database", cause);
    }

    /** sqlite-jdbc raises some failures as a plain SQLException whose message starts "[SQLITE_FULL] ...". */
    private static SQLiteErrorCode namedSqliteCode(String message) {
        if (message == null || !message.startsWith("[SQLITE_")) {
            return null;
        }
        int end = message.indexOf(']');
        try {
            return end < 0 ? null : SQLiteErrorCode.valueOf(message.substring(1, end));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String describe(SQLiteErrorCode code) {
        return switch (SQLiteErrorCode.getErrorCode(primary(code))) {
            case SQLITE_BUSY, SQLITE_LOCKED -> "database is busy";
            case SQLITE_READONLY -> "database is read-only";
            case SQLITE_FULL -> "disk is full";
            case SQLITE_CANTOPEN -> "cannot open the database file";
            case SQLITE_IOERR -> "disk I/O error";
            case SQLITE_CORRUPT, SQLITE_NOTADB -> "database file is damaged";
            case SQLITE_PERM, SQLITE_AUTH -> "access to the database was denied";
            default -> "database error";
        };
    }

    /**
     * PostgreSQL's driver, like HikariCP, reports standard SQLSTATE codes: five characters whose
     * first two are the class. Read by code, not by driver class, so no PostgreSQL type is needed.
     */
    private static String describe(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null || state.length() != 5) {
            // HikariCP's "connection is not available" when every pooled connection is in use
            return sql instanceof SQLTransientConnectionException ? "database is busy" : "database error";
        }
        return switch (state) {
            case "53100" -> "disk is full";
            case "55P03", "40001", "40P01", "57014" -> "database is busy"; // lock timeout, conflicts, statement timeout
            case "25006" -> "database is read-only";                        // a hot standby, for one
            case "3D000" -> "the database does not exist";
            case "42501" -> "access to the database was denied";
            default -> switch (state.substring(0, 2)) {
                case "08" -> "cannot reach the database";
                case "28" -> "access to the database was denied";
                case "53" -> "database is out of resources";                // too many connections, memory
                case "57" -> "database is unavailable";                    // shutting down, starting up
                default -> "database error";
            };
        };
    }

    private static int primary(SQLiteErrorCode code) {
        return code == null ? -1 : code.code & 0xff;
    }

    private static SQLException findSqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
