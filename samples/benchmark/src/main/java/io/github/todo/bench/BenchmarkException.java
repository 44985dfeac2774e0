package io.github.todo.bench;

/**
 * A benchmark that cannot go on or did not go well: a non-2xx answer where the protocol needs a
 * 2xx, a server that cannot be reached, an unreadable result file. Exit status 1; the message is
 * printed as one line, so it must say what failed and where.
 */
final class BenchmarkException extends RuntimeException {

    BenchmarkException(String message) {
        super(message);
    }

    BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
