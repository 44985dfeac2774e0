package io.github.todo.core;

/**
 * Thrown when the storage fails: the database cannot be reached, the disk is full or read-only,
 * the store is closed, or a write waited too long. The cause is kept for the log; the message is
 * short and safe to show.
 */
public class StoreException extends TodoException {

    private static final long serialVersionUID = 1L;

    /** A storage failure described by {@code message}. */
    public StoreException(String message) {
        super(message);
    }

    /** A storage failure described by {@code message}, caused by {@code cause}. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
