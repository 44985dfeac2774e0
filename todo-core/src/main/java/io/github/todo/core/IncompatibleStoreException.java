package io.github.todo.core;

/**
 * Thrown at open when the file is not a database this version can use: not a SQLite database at
 * all, or written by a newer version of todo. The file is left untouched.
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
