package io.github.todo.http.internal;

import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.StoreException;
import io.github.todo.core.TaskConflictException;
import io.github.todo.core.TaskNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception to its status and an RFC 9457 problem body, in one place. A cause is
 * logged, never sent: the client gets a short detail and no stack trace.
 */
final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    /** The media type of every error body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
        // Prevent instantiation
    }

    /** A problem ready to send, and the headers it needs besides. */
    public record Problem(int status, byte[] body) {
    }

    /**
     * The headers a failure's answer carries: {@code Retry-After} for a storage failure, the
     * current {@code ETag} for a conflict.
     */
    public static void headers(Throwable failure, int status, java.util.function.BiConsumer<String, String> header) {
        if (status == 503) {
            header.accept("Retry-After", "1");
        } else if (failure instanceof TaskConflictException conflict) {
            header.accept("ETag", EntityTags.of(conflict.currentVersion()));
        }
    }

    public static Problem of(Throwable failure) {
        if (failure instanceof InvalidTaskException invalid) {
            return problem(400, invalid.getMessage(), invalid.field());
        }
        if (failure instanceof HttpProblemException http) {
            return problem(http.status(), http.getMessage(), http.field());
        }
        if (failure instanceof TaskNotFoundException notFound) {
            return problem(404, notFound.getMessage(), null);
        }
        if (failure instanceof TaskConflictException conflict) {
            return problem(412, conflict.getMessage(), null);
        }
        if (failure instanceof StoreException store) {
            LOG.warn("storage failure: {}", store.getMessage(), store.getCause());
            return problem(503, store.getMessage(), null);
        }
        LOG.error("unexpected failure", failure);
        return problem(500, "an unexpected error occurred; it has been logged", null);
    }

    public static Problem problem(int status, String detail, String field) {
        return new Problem(status, JsonCodec.problem(status, title(status), detail, field));
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
