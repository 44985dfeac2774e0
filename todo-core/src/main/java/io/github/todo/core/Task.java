package io.github.todo.core;

import java.util.Objects;

/**
 * A stored task: its id, assigned by the store and never reused, its name, whether it is done, and
 * its version, which every change of the task raises by one (a write that leaves the name and the
 * done flag as they are is no change, and keeps it). The version is what a conditional
 * write ({@link ExpectedVersion#of}) and the HTTP {@code ETag} name.
 *
 * @param id      the id, at least 1
 * @param name    the name, never {@code null}
 * @param done    whether the task is done
 * @param version 1 when created, one more with each change; 0 where whoever made the record did
 *                not learn it (a client reading a list that carries no versions)
 */
public record Task(long id, String name, boolean done, long version) {

    /** The version of a task just created. */
    public static final long FIRST_VERSION = 1;

    /** Checks the invariants every stored task holds. */
    public Task {
        Objects.requireNonNull(name, "name");
        if (version < 0) {
            throw new IllegalArgumentException("version cannot be negative: " + version);
        }
    }

    /** A task at its first version, as {@link TaskService#create} returns it. */
    public Task(long id, String name, boolean done) {
        this(id, name, done, FIRST_VERSION);
    }
}
