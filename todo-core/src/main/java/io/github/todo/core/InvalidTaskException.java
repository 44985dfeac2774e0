package io.github.todo.core;

/**
 * Thrown when input breaks a rule: it names the field and the reason, for example
 * {@code name: must not be blank}.
 */
public final class InvalidTaskException extends TodoException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    /** The value of {@code field} is wrong because of {@code reason}. */
    public InvalidTaskException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The name of the offending field, as it appears in the JSON body or query. */
    public String field() {
        return field;
    }

    /** Why the value was refused, for example {@code is required}. */
    public String reason() {
        return reason;
    }
}
