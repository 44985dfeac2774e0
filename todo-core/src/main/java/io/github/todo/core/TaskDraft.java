package io.github.todo.core;

/**
 * The content of a task to create, or to replace a task's content with (PUT semantics).
 * Both fields are required; they are nullable here so that the service, not each caller,
 * reports which one is missing.
 *
 * @param name the name; required, not blank, at most {@link TodoConfig#maxNameLength()} characters
 * @param done whether the task is done; required
 */
public record TaskDraft(String name, Boolean done) {

    /** A draft for a task that is not done yet. */
    public static TaskDraft of(String name) {
        return new TaskDraft(name, false);
    }
}
