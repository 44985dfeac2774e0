package io.github.todo.core;

/**
 * Thrown at open when the database is not one this version can use: a file that is not a SQLite
 * database at all, a database that is neither SQLite nor PostgreSQL, or a schema written by a newer
 * version of todo. The database is left untouched.
 */
public final class IncompatibleStoreException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** The store cannot be opened because of {@code message}. */
    public IncompatibleStoreException(String message) {
        super(message);
    }

    /** The store cannot be opened because of {@code message}, caused by {@code cause}. */
    public IncompatibleStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
