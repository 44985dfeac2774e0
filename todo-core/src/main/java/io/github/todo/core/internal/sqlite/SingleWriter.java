package io.github.todo.core.internal.sqlite;

import io.github.todo.core.StoreException;
import io.github.todo.core.internal.StoreWriter;
import io.github.todo.core.internal.mapper.TaskMapper;
import io.github.todo.core.internal.writer.GroupCommitter;
import io.github.todo.core.internal.writer.Transaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;

/**
 * The one place where a SQLite database is written. SQLite allows one writer at a time, so every
 * write goes through one connection, held by one thread at a time: no caller ever waits on SQLite's
 * lock or sees "database is locked". Who commits, and group commit, are the {@link GroupCommitter}'s
 * (the caller's thread when it is free and commits are quick, else the writer thread); this class
 * puts it over the {@link WriterConnection}, with the file watched before each batch
 * ({@link FileRescue}), other connections' commits noticed ({@link DataVersionWatch}), and the WAL
 * checkpointed on the writer thread.
 */
final class SingleWriter implements StoreWriter {

    private final WriterConnection connection;
    private final DataVersionWatch watch;
    private final FileGuard file;
    private final GroupCommitter<TaskMapper> committer;
    private final WalCheckpoints checkpoints;

    SingleWriter(String name, Connection connection, SqlSession session, WriterSettings settings) throws SQLException {
        this(name, connection, session, settings, () -> { }, null, null, WalCheckpoints.NONE);
    }

    /**
     * A writer that also watches for commits by other connections to the same file (another
     * process, another store) and calls {@code onExternalChange} when it sees one: before each
     * batch, and every 100 ms while idle. {@code file} is null for a database that is not ours to
     * watch (an application's DataSource); {@code rescue} is null where a removed file stays a fault
     * until restart.
     */
    SingleWriter(String name, Connection connection, SqlSession session, WriterSettings settings,
                 Runnable onExternalChange, Path file, Rescue rescue) throws SQLException {
        this(name, connection, session, settings, onExternalChange, file, rescue, WalCheckpoints.NONE);
    }

    /** As above, with the WAL folded back by {@code checkpoints}. */
    SingleWriter(String name, Connection connection, SqlSession session, WriterSettings settings,
                 Runnable onExternalChange, Path file, Rescue rescue, WalCheckpoints checkpoints) throws SQLException {
        this.checkpoints = checkpoints;
        this.connection = new WriterConnection(name, connection, session, settings.beginStatement());
        this.watch = new DataVersionWatch(this.connection, onExternalChange);
        this.file = file == null ? FileGuard.NONE
                : new FileRescue(name, file, rescue == null ? Rescue.NONE : rescue, this.connection, watch);
        this.committer = new GroupCommitter<>(name, new Batches(), new GroupCommitter.Limits(settings.queueCapacity(),
                settings.offerTimeoutMillis(), settings.maxBatchSize(), settings.verdictTimeoutMillis(),
                settings.commitOnCaller()), onExternalChange);
    }

    /**
     * What the writer needs to move the store onto a new file when its file was removed and its
     * folder is there again: the data lives on in the removed file, which our open descriptors
     * still reach, and is copied to the path with {@code VACUUM INTO}.
     */
    interface Rescue {

        /** For a writer that does not rescue: a removed file stays a fault until restart. */
        Rescue NONE = new Rescue() {
            @Override
            public boolean possible() {
                return false;
            }

            @Override
            public boolean closeReaders() {
                return false;
            }

            @Override
            public void resumeReaders() {
            }

            @Override
            public SqlSession openSession() throws SQLException {
                throw new SQLException("this writer does not rescue its file");
            }
        };

        /** False for {@link #NONE}. */
        default boolean possible() {
            return true;
        }

        /**
         * Holds new reads back and closes every reading connection; false (with reads let go again)
         * when some did not close in time. Closing them first matters: the last connection to the
         * removed file deletes {@code <file>-wal} and {@code -shm} by name as it closes, which must
         * not happen once connections to the new file use those names.
         */
        boolean closeReaders();

        /** Lets reads go on, on fresh connections. */
        void resumeReaders();

        /** A writer session over a new connection to the file at the path. */
        SqlSession openSession() throws SQLException;
    }

    /**
     * How the writer queues and begins its transactions, how long a caller of the waiting form
     * waits for a write's verdict before it gives up (a stalled writer must not hold the caller's
     * thread for ever), and whether an asynchronous write may commit on its caller's thread: not
     * where each commit waits for the disk ({@code synchronous=FULL}), which would hold an event loop.
     */
    record WriterSettings(int queueCapacity, long offerTimeoutMillis, int maxBatchSize, String beginStatement,
                          long verdictTimeoutMillis, boolean commitOnCaller) {

        /** The default {@link #verdictTimeoutMillis()}: far past any commit a working disk takes. */
        static final long VERDICT_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);
    }

    /** The writer connection as the group committer sees it: each batch after the file was checked. */
    private final class Batches implements Transaction<TaskMapper> {
        @Override
        public StoreException unusable() {
            return file.beforeBatch();
        }

        @Override
        public TaskMapper begin() {
            TaskMapper statements = connection.begin();
            watch.checkIfDue();
            return statements;
        }

        @Override
        public void commit() {
            connection.commit();
        }

        @Override
        public void rollback() {
            connection.rollback();
        }

        @Override
        public void housekeeping() {
            watch.check();
            WalCheckpoints.Fold fold = checkpoints.takeFold();
            if (fold != WalCheckpoints.Fold.NONE) {
                connection.checkpoint(fold.name());
            }
        }

        @Override
        public void background() {
            checkpoints.afterCommits(committer.state().batchCount());
        }
    }

    @Override
    public <T> T submit(Function<TaskMapper, T> work) {
        return submit(work, result -> { });
    }

    /** Queues {@code work}, waits for its commit; {@code afterCommit} runs on the writer thread, in commit order. */
    @Override
    public <T> T submit(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
        return committer.submit(work, afterCommit);
    }

    @Override
    public <T> CompletableFuture<T> submitAsync(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
        return committer.submitAsync(work, afterCommit);
    }

    /**
     * Fails when writes cannot succeed now: the writer stopped, the file was removed, or the last
     * write failed and a probe write (page 1 rewritten, committed) still does.
     */
    @Override
    public void check() {
        committer.state().checkRunning();
        if (file.needsProbe() || committer.state().failing() || !connection.isOpen()) {
            // through the writer, which moves to a new file first when it can
            submit(mapper -> {
                try {
                    connection.probe();
                } catch (SQLException e) {
                    throw new IllegalStateException(e); // a storage failure: the writer wraps and remembers it
                }
                return null;
            });
        }
    }

    @Override
    public long batchCount() {
        return committer.state().batchCount();
    }

    @Override
    public long writeCount() {
        return committer.state().writeCount();
    }

    @Override
    public int queueDepth() {
        return committer.queueDepth();
    }

    /**
     * Applies what is queued, then stops the thread; the connection stays open for last words
     * such as a checkpoint, until {@link #close()}.
     */
    @Override
    public void stop() {
        committer.stop();
        connection.stopped();
    }

    /** The writer's connection, null if it could not be reopened; only for use after {@link #stop()}. */
    Connection connection() {
        return connection.connection();
    }

    /** Stops the writer if needed and closes its session and connection. */
    @Override
    public void close() {
        stop();
        connection.close();
    }
}
