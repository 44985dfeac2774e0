package io.github.todo.http.internal;

import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.Task;
import io.github.todo.core.TaskConflictException;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TaskService;
import io.github.todo.http.ApiExchange;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** A task write under {@code If-Match} (RFC 9110 13.1.1): the precondition and the write as one. */
final class IfMatch {

    private IfMatch() {
        // Prevent instantiation
    }

    /**
     * Runs {@code write} at the version {@code If-Match} asks: without the header, at any version;
     * with one tag, at that version, the check and the write one step in the
     * store; with several, at the current version if the list names it; with {@code *}, if the
     * task exists. When the precondition fails: 412, with the current {@code ETag} when there is
     * a task.
     */
    static <T> CompletionStage<T> write(ApiExchange exchange, TaskService tasks, long id,
                                        Function<ExpectedVersion, CompletionStage<T>> write) {
        String ifMatch = exchange.requestHeader("If-Match");
        if (ifMatch == null) {
            return write.apply(ExpectedVersion.any());
        }
        if (EntityTags.isAny(ifMatch)) {
            return at(ExpectedVersion.any(), id, write); // a missing task is then a 412 too
        }
        List<Long> versions = EntityTags.versions(ifMatch, "If-Match");
        if (versions.size() == 1) {
            return at(ExpectedVersion.of(versions.get(0)), id, write);
        }
        // none of ours, or several: the version the task is at now, if listed; the write is then conditioned on it
        return tasks.findAsync(id).thenCompose(found -> {
            Task task = found.orElseThrow(() -> missing(id));
            if (!versions.contains(task.version())) {
                throw new TaskConflictException(id, 0, task.version());
            }
            return at(ExpectedVersion.of(task.version()), id, write);
        });
    }

    private static <T> CompletionStage<T> at(ExpectedVersion expected, long id, Function<ExpectedVersion, CompletionStage<T>> write) {
        return write.apply(expected).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof TaskNotFoundException ? missing(id) : cause);
        });
    }

    /** {@code If-Match} on a task that does not exist: the precondition fails (412), it is not a 404. */
    private static HttpProblemException missing(long id) {
        return new HttpProblemException(412, "If-Match", "task " + id + " does not exist, so no entity tag matches");
    }
}
