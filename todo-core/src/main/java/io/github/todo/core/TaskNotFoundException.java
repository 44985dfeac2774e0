package io.github.todo.core;

/** Thrown when a task to change or delete does not exist. */
public final class TaskNotFoundException extends TodoException {

    private static final long serialVersionUID = 1L;

    private final long id;

    /** A task with {@code id} was not found. */
    public TaskNotFoundException(long id) {
        super("task " + id + " not found");
        this.id = id;
    }

    /** The id that was not found. */
    public long id() {
        return id;
    }
}
