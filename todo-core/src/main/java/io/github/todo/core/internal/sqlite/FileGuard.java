package io.github.todo.core.internal.sqlite;

import io.github.todo.core.StoreException;

/** What the writer checks about its database file before each batch and for a health check. */
interface FileGuard {

    /** For a store over an application's DataSource: no file of ours to watch. */
    FileGuard NONE = new FileGuard() {
        @Override
        public StoreException beforeBatch() {
            return null;
        }

        @Override
        public boolean needsProbe() {
            return false;
        }
    };

    /** Null when the file can take a write now, else why not; may move the store to a copy of a removed file first. */
    StoreException beforeBatch();

    /**
     * For a health check, off the writer thread: true when only a probe write can tell (the file
     * was removed, and a write would copy it back).
     *
     * @throws StoreException when the file was removed and cannot be copied back now
     */
    boolean needsProbe();
}
