package io.github.todo.core;

/**
 * How hard SQLite works to make a commit survive a crash (SQLite's {@code PRAGMA synchronous}).
 */
public enum Synchronous {
    /**
     * In WAL mode: a committed task survives a crash of the process, but the last transactions
     * may be lost if the whole machine loses power. The default, and much faster.
     */
    NORMAL,
    /** Every commit is synced to disk before it is acknowledged: survives power loss too. */
    FULL
}
