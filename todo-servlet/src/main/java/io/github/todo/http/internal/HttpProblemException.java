package io.github.todo.http.internal;

/**
 * A client mistake found at the HTTP level (malformed JSON, a body too large, a media type we do
 * not speak), carried to {@link Problems} with the status it maps to.
 */
final class HttpProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    HttpProblemException(int status, String field, String detail) {
        super(detail, null, false, false); // a verdict, not a failure: no stack trace needed
        this.status = status;
        this.field = field;
    }

    int status() {
        return status;
    }

    /** The request part at fault ({@code body}, {@code name}, ...), or {@code null}. */
    String field() {
        return field;
    }
}
