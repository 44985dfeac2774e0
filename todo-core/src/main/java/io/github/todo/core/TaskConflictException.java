package io.github.todo.core;

/**
 * Thrown by a conditional write ({@link ExpectedVersion#of} given to a write)
 * when the task is no longer at the version the caller expected: someone else changed it since the
 * caller read it. Nothing was written; read the task again, and decide.
 */
public final class TaskConflictException extends TodoException {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final long expectedVersion;
    private final long currentVersion;

    /**
     * Task {@code id} is at {@code currentVersion}, not at {@code expectedVersion}; an
     * {@code expectedVersion} of 0 stands for a condition that named several versions, or none.
     */
    public TaskConflictException(long id, long expectedVersion, long currentVersion) {
        super("task " + id + " is at version " + currentVersion
                + (expectedVersion > 0 ? ", not " + expectedVersion : ", which the condition does not name")
                + ": it changed since it was read");
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    /** The task's id. */
    public long id() {
        return id;
    }

    /** The version the write was conditioned on; 0 for a condition that named several, or none. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version the task is at now. */
    public long currentVersion() {
        return currentVersion;
    }
}
