package io.github.todo.core;

/**
 * A partial change to a task: each non-null field replaces the stored one, each {@code null} field
 * keeps it. An empty patch changes nothing and returns the task as it is.
 *
 * @param name the new name, or {@code null} to keep it; validated like {@link TaskDraft#name()}
 * @param done the new state, or {@code null} to keep it
 */
public record TaskPatch(String name, Boolean done) {
}
