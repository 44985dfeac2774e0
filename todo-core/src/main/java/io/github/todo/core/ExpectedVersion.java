package io.github.todo.core;

/**
 * The version a write expects its task to be at: {@link #any()} for a write that holds whatever the
 * task is at, or {@link #of(long)} the {@link Task#version()} the caller read, so that two callers
 * editing one task cannot lose each other's change. Immutable.
 */
public final class ExpectedVersion {

    private static final ExpectedVersion ANY = new ExpectedVersion(0);

    private final long version;

    private ExpectedVersion(long version) {
        this.version = version;
    }

    /** No condition: the write applies at whatever version the task is. */
    public static ExpectedVersion any() {
        return ANY;
    }

    /**
     * The task must still be at {@code version}, checked and written in one atomic step.
     *
     * @throws InvalidTaskException if {@code version} cannot be a task's (below {@link Task#FIRST_VERSION})
     */
    public static ExpectedVersion of(long version) {
        if (version < Task.FIRST_VERSION) {
            throw new InvalidTaskException("version", "must be a positive integer");
        }
        return new ExpectedVersion(version);
    }

    /** Whether this is {@link #any()}. */
    public boolean isAny() {
        return this == ANY;
    }

    /**
     * The version expected.
     *
     * @throws IllegalStateException for {@link #any()}, which names none
     */
    public long version() {
        if (isAny()) {
            throw new IllegalStateException("any() names no version");
        }
        return version;
    }

    /** Whether a task at {@code current} meets this expectation. */
    public boolean matches(long current) {
        return isAny() || current == version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpectedVersion that && that.version == version;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version);
    }

    @Override
    public String toString() {
        return isAny() ? "ExpectedVersion.any()" : "ExpectedVersion.of(" + version + ")";
    }
}
