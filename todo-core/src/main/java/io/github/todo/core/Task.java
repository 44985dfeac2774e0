package io.github.todo.core;

import java.util.Objects;

/**
 * A stored task: its id, assigned by the store and never reused, its name and whether it is done.
 *
 * @param id   the id, at least 1
 * @param name the name, never {@code null}
 * @param done whether the task is done
 */
public record Task(long id, String name, boolean done) {

    /** Checks the invariants every stored task holds. */
    public Task {
        Objects.requireNonNull(name, "name");
    }
}
