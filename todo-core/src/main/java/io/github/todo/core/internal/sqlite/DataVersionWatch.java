package io.github.todo.core.internal.sqlite;

import java.util.concurrent.TimeUnit;

/**
 * Notices commits by other connections to the same file (another process, another store) through
 * SQLite's {@code data_version}, which our own commits leave alone, and then runs
 * {@code onExternalChange} (the read cache forgets what it holds). Looked at while the writer is
 * idle and, at most every 100 ms, right after a batch begins, under the write lock, where nobody
 * else can commit until we do. Writer thread only.
 */
final class DataVersionWatch {

    /** The promise is "within about 100 ms". */
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final WriterConnection connection;
    private final Runnable onExternalChange;
    private long lastDataVersion;
    private long nextWatch = System.nanoTime();

    DataVersionWatch(WriterConnection connection, Runnable onExternalChange) {
        this.connection = connection;
        this.onExternalChange = onExternalChange;
        this.lastDataVersion = connection.dataVersion(0);
    }

    /** Looks now. */
    void check() {
        nextWatch = System.nanoTime() + INTERVAL_NANOS;
        long version = connection.dataVersion(lastDataVersion);
        if (version != lastDataVersion) {
            lastDataVersion = version;
            onExternalChange.run();
        }
    }

    /** Looks if the last look is 100 ms old: not for every batch, as under load that query was a fifth of a small batch's statements. */
    void checkIfDue() {
        if (System.nanoTime() - nextWatch >= 0) {
            check();
        }
    }

    /** Starts over from the version of a connection just opened again. */
    void restart() {
        lastDataVersion = connection.dataVersion(lastDataVersion);
    }
}
