package io.github.todo.core.internal;

import io.github.todo.core.IncompatibleStoreException;
import io.github.todo.core.StoreException;
import io.github.todo.core.TodoException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The single boundary where storage exceptions become {@link TodoException}s. The message is short
 * and safe to show a client; the cause keeps the details for the log.
 */
final class StoreErrors {

    private StoreErrors() {
        // Prevent instantiation
    }

    static TodoException wrap(String action, Throwable failure) {
        if (failure instanceof TodoException todo) {
            return todo;
        }
        SQLException sql = findSqlException(failure);
        if (sql instanceof SQLiteException sqlite) {
            return new StoreException(action + ": " + describe(sqlite.getResultCode()), failure);
        }
        return new StoreException(action + ": database error", failure);
    }

    static boolean isNotADatabase(Throwable failure) {
        return findSqlException(failure) instanceof SQLiteException sqlite
                && primary(sqlite.getResultCode()) == SQLiteErrorCode.SQLITE_NOTADB.code;
    }

    static IncompatibleStoreException notADatabase(Object where, Throwable cause) {
        return new IncompatibleStoreException(where + " is not a SQLite database", cause);
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
