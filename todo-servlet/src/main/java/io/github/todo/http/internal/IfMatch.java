package io.github.todo.http.internal;

import io.github.todo.core.Task;
import io.github.todo.core.TaskConflictException;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TaskService;
import io.github.todo.http.ApiExchange;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

/** A task write under {@code If-Match} (RFC 9110 13.1.1): the precondition and the write as one. */
final class IfMatch {

    private IfMatch() {
        // Prevent instantiation
    }

    /**
     * Runs a write, in its waiting ({@code now}) or queued ({@code later}) form, at the version
     * {@code If-Match} asks ({@link EntityTags#ANY}: unconditionally), as it asks (RFC 9110 13.1.1): without it, unconditionally;
     * with one tag, at that version, the check and the write one step in the store; with several,
     * at the current version if the list names it; with {@code *}, if the task exists. When the
     * precondition fails: 412, with the current {@code ETag} when there is a task.
     */
    static <T> CompletionStage<T> write(ApiExchange exchange, TaskService tasks, long id, boolean wait, LongFunction<T> now,
                                        LongFunction<CompletionStage<T>> later) {
        String ifMatch = exchange.requestHeader("If-Match");
        if (ifMatch == null) {
            return wait ? CompletableFuture.completedFuture(now.apply(EntityTags.ANY)) : later.apply(EntityTags.ANY);
        }
        List<Long> versions = EntityTags.versions(ifMatch, "If-Match");
        if (versions.size() == 1) {
            return at(versions.get(0), id, wait, now, later);
        }
        // none of ours, or several: the version the task is at now, if listed; the write is then conditioned on it
        CompletionStage<Optional<Task>> current = wait ? CompletableFuture.completedFuture(tasks.find(id)) : tasks.findAsync(id);
        return current.thenCompose(found -> {
            Task task = found.orElseThrow(() -> missing(id));
            if (!versions.contains(task.version())) {
                throw new TaskConflictException(id, 0, task.version());
            }
            return at(task.version(), id, wait, now, later);
        });
    }

    private static <T> CompletionStage<T> at(long expected, long id, boolean wait, LongFunction<T> now,
                                             LongFunction<CompletionStage<T>> later) {
        if (wait) {
            try {
                return CompletableFuture.completedFuture(now.apply(expected));
            } catch (TaskNotFoundException gone) {
                throw missing(id);
            }
        }
        return later.apply(expected).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof TaskNotFoundException ? missing(id) : cause);
        });
    }

    /** {@code If-Match} on a task that does not exist: the precondition fails (412), it is not a 404. */
    private static HttpProblemException missing(long id) {
        return new HttpProblemException(412, "If-Match", "task " + id + " does not exist, so no entity tag matches");
    }

}
