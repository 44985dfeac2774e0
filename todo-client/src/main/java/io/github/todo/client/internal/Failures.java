package io.github.todo.client.internal;

import io.github.todo.client.UnauthorizedException;
import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.StoreException;
import io.github.todo.client.TodoClient;
import io.github.todo.core.Task;
import io.github.todo.core.TaskConflictException;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TodoException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Maps what the server answered, or failed to, to the exceptions the embedded store throws, in one
 * place: 400 to {@link InvalidTaskException} with the problem's field, 404 to
 * {@link TaskNotFoundException}, 412 to {@link TaskConflictException} (the current version from the
 * {@code ETag}), 401 to {@link UnauthorizedException}, anything else, and no answer at all, to
 * {@link StoreException}.
 */
public final class Failures {

    /** The message of every call after {@code close()}, as the embedded store words it. */
    public static final String CLOSED = "the store is closed";

    private Failures() {
        // Prevent instantiation
    }

    /**
     * The exception for an answer that is not the one hoped for.
     *
     * @param id              the task the request was about, 0 for none
     * @param expected        the version an {@code If-Match} named
     */
    static TodoException of(HttpResponse<?> response, byte[] body, long id, ExpectedVersion expected) {
        Json.Problem problem = Json.problem(body);
        int status = response.statusCode();
        String what = response.request().method() + " " + response.request().uri();
        String detail = problem.detail() == null ? "" : ": " + problem.detail();
        switch (status) {
            case 400 -> {
                String field = problem.field() == null ? "request" : problem.field();
                String reason = problem.detail() == null ? "refused by the server" : problem.detail();
                if (reason.startsWith(field + ": ")) {
                    reason = reason.substring(field.length() + 2);
                }
                return new InvalidTaskException(field, reason);
            }
            case 401 -> {
                return new UnauthorizedException("the todo server refused " + what + detail
                        + " (configure the client with its bearer token)");
            }
            case 404 -> {
                if (id > 0) {
                    return new TaskNotFoundException(id);
                }
            }
            case 412 -> {
                // with an ETag the task is at another version; without, it does not exist
                long current = Versions.of(response);
                return current == TodoClient.VERSION_UNKNOWN
                        ? new TaskNotFoundException(id)
                        : new TaskConflictException(id, expected.isAny() ? 0 : expected.version(), current);
            }
            default -> {
                // below
            }
        }
        return new StoreException("the todo server answered " + status + " to " + what + detail);
    }

    /** The exception for a request that got no answer: refused, reset, timed out. */
    static StoreException unreachable(Throwable cause, HttpRequest request, Duration timeout) {
        String what = request.method() + " " + request.uri();
        if (cause instanceof StoreException store) {
            return store;
        }
        if (cause instanceof HttpTimeoutException) {
            return new StoreException("no answer to " + what + " within " + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof ConnectException) {
            return new StoreException("cannot connect to the todo server for " + what + ": " + cause, cause);
        }
        return new StoreException(what + " failed: " + cause, cause);
    }
}
