package io.github.todo.core;

/**
 * The base of every exception the todo API throws. Callers may catch this one type; no
 * {@code SQLException} or MyBatis exception crosses the API.
 */
public abstract class TodoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected TodoException(String message) {
        super(message);
    }

    protected TodoException(String message, Throwable cause) {
        super(message, cause);
    }
}
