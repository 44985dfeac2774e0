package io.github.todo.core.internal.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the WAL back into the database file off the path of every write. SQLite's own
 * auto-checkpoint is off on the writer connection (it ran inside the commit that took the WAL past
 * 1000 pages, copying pages and syncing the file on whatever thread committed). Instead, after
 * commits, the writer thread checkpoints PASSIVE on a reading connection, which copies pages while
 * writes go on. A checkpoint that runs beside writes never catches up with the last frame, and
 * SQLite starts the WAL over only once one has; so past {@value #FOLD_FRAMES} frames the writer
 * thread then checkpoints once more holding writes back (they wait in the queue, not on the
 * database), with little left to copy. Past {@value #WAL_BOUND_FRAMES} frames, readers kept the
 * WAL from being folded back: that checkpoint is a RESTART, which waits for them.
 */
class WalCheckpoints {

    /** For a writer whose WAL is folded back elsewhere or not at all (a test's writer over a file of its own). */
    static final WalCheckpoints NONE = new WalCheckpoints("none", null) {
        @Override
        void afterCommits(long batches) {
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
    /** SQLite's own auto-checkpoint threshold, about 4 MiB. */
    static final int FOLD_FRAMES = 1000;
    /** 40 MiB of 4 KiB pages. */
    static final int WAL_BOUND_FRAMES = 10_000;

    /** What the writer does, holding writes back, after a checkpoint beside them. */
    enum Fold { NONE, PASSIVE, RESTART }

    private final String name;
    private final DataSource readers;
    private long checkpointedAt = -1;
    private volatile Fold fold = Fold.NONE;

    /** {@code readers}: connections to the same file that a rescue closes and holds back (the read pool). */
    WalCheckpoints(String name, DataSource readers) {
        this.name = name;
        this.readers = readers;
    }

    /** Checkpoints PASSIVE if {@code batches} (the writer's count of transactions) moved since the last time. Writer thread. */
    void afterCommits(long batches) {
        if (batches == checkpointedAt) {
            return;
        }
        checkpointedAt = batches;
        try (Connection connection = readers.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            int walFrames = result.next() ? result.getInt(2) : 0;
            fold = walFrames > WAL_BOUND_FRAMES ? Fold.RESTART : walFrames > FOLD_FRAMES ? Fold.PASSIVE : Fold.NONE;
        } catch (SQLException e) {
            LOG.debug("{} - checkpoint failed: {}", name, e.getMessage()); // tried again after the next commits
            checkpointedAt = -1;
        }
    }

    /** What the writer should do now, holding writes back; once. */
    Fold takeFold() {
        Fold wanted = fold;
        fold = Fold.NONE;
        return wanted;
    }
}
