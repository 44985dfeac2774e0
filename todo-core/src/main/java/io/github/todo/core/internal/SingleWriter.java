package io.github.todo.core.internal;

import io.github.todo.core.StoreException;
import io.github.todo.core.TodoException;
import io.github.todo.core.internal.mapper.TaskMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the database is written. SQLite allows one writer at a time, so every write
 * is queued here and applied by a single thread that owns a single connection: no caller ever
 * waits on SQLite's lock or sees "database is locked".
 *
 * <p>Group commit: the thread takes every write that is waiting (up to a batch limit), applies them
 * in one transaction and commits once, then completes each caller with its own result or error.
 * A write is acknowledged only after its commit. Without contention a batch is one write, so a lone
 * caller pays no extra latency.
 */
final class SingleWriter implements Writes {

    private static final Logger LOG = LoggerFactory.getLogger(SingleWriter.class);

    private final String name;
    // Replaced only by rescue(), on the writer thread; null between a failed reopen and the next try.
    private Connection connection;
    private volatile SqlSession session; // read by check() too
    private KeptStatements mapper;
    private final BlockingQueue<Write<?>> queue;
    private final long offerTimeoutMillis;
    private final long verdictTimeoutMillis;
    private final int maxBatchSize;
    private final Thread thread;
    /**
     * Runs the transaction control statements. Not prepared once: after a storage failure SQLite
     * rolls back on its own and a kept COMMIT statement fails with "statement is not executing".
     */
    private Statement control;
    private final String beginStatement;
    private final Runnable onExternalChange;
    private final Path file;
    private final Rescue rescue; // null: a removed file stays a fault until restart
    private static final long RESCUE_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    private long nextRescue = System.nanoTime(); // writer thread only
    private long lastDataVersion;
    /** Another connection's commit is looked for at most this often: the promise is "within about 100 ms". */
    private static final long WATCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private long nextWatch = System.nanoTime(); // writer thread only
    /** The storage failure of the last batch, until a batch commits again; for health checks. */
    private volatile StoreException lastFailure;
    private final LongAdder batches = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private volatile boolean closing;
    private volatile boolean terminated;
    /** What ended the writer thread before the store was closed, or {@code null}; for health checks. */
    private volatile Throwable stoppedBy;

    SingleWriter(String name, Connection connection, SqlSession session, WriterSettings settings) throws SQLException {
        this(name, connection, session, settings, () -> { }, null, null);
    }

    /**
     * A writer that also watches for commits by other connections to the same file (another
     * process, another store) and calls {@code onExternalChange} when it sees one: before each
     * batch, and every 100 ms while idle.
     */
    SingleWriter(String name, Connection connection, SqlSession session, WriterSettings settings,
                 Runnable onExternalChange, Path file, Rescue rescue) throws SQLException {
        this.name = name;
        this.connection = connection;
        this.session = session;
        this.mapper = keptStatements(session);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.offerTimeoutMillis = settings.offerTimeoutMillis();
        this.verdictTimeoutMillis = settings.verdictTimeoutMillis();
        this.maxBatchSize = settings.maxBatchSize();
        // Prepared once: these run for every batch.
        this.control = connection.createStatement();
        this.beginStatement = settings.beginStatement();
        // Changes only when another connection commits: our own commits leave it alone.
        this.onExternalChange = onExternalChange;
        this.file = file;
        this.rescue = rescue;
        this.lastDataVersion = readDataVersion();
        this.thread = new Thread(this::run, name + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * What the writer needs to move the store onto a new file when its file was removed and its
     * folder is there again: the data lives on in the removed file, which our open descriptors
     * still reach, and is copied to the path with {@code VACUUM INTO}.
     */
    interface Rescue {

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
     * How the writer queues and begins its transactions, and how long a caller of the waiting
     * form waits for a write's verdict before it gives up (a stalled writer must not hold the
     * caller's thread for ever).
     */
    record WriterSettings(int queueCapacity, long offerTimeoutMillis, int maxBatchSize, String beginStatement,
                          long verdictTimeoutMillis) {

        /** The default {@link #verdictTimeoutMillis()}: far past any commit a working disk takes. */
        static final long VERDICT_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);
    }

    /** Queues {@code work}, waits for its commit and returns its result or throws its error. */
    @Override
    public <T> T submit(Function<TaskMapper, T> work) {
        return submit(work, result -> { });
    }

    /** Queues {@code work}; {@code afterCommit} runs on the writer thread, in commit order. */
    @Override
    public <T> T submit(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
        Write<T> write = new Write<>(work, afterCommit);
        enqueue(write, offerTimeoutMillis);
        return write.await(verdictTimeoutMillis);
    }

    /** Queues {@code work} without waiting for room or for its commit. */
    @Override
    public <T> CompletableFuture<T> submitAsync(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
        Write<T> write = new Write<>(work, afterCommit);
        try {
            enqueue(write, 0);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write.outcome;
    }

    private void enqueue(Write<?> write, long timeoutMillis) {
        if (closing) {
            throw closed();
        }
        try {
            if (!queue.offer(write, timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreException("the write queue is full; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while queueing a write", e);
        }
        // The writer may have finished its last drain just before our offer: take the write back.
        if (terminated && queue.remove(write)) {
            throw closed();
        }
    }

    /** How many transactions the writer has committed or tried to. */
    @Override
    public long batchCount() {
        return batches.sum();
    }

    /** How many writes the writer has applied. */
    @Override
    public long writeCount() {
        return writes.sum();
    }

    /** How many writes are waiting now. */
    @Override
    public int queueDepth() {
        return queue.size();
    }

    private void run() {
        List<Write<?>> batch = new ArrayList<>(maxBatchSize);
        try {
            while (!closing || !queue.isEmpty()) {
                Write<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    watchForExternalChange();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatchSize - 1);
                commitAll(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable unexpected) {
            if (stoppedBy == null) {
                stoppedBy = unexpected;
            }
            LOG.error("{} - writer stopped unexpectedly", name, unexpected);
            for (Write<?> write : batch) {
                write.fail(new StoreException("the writer stopped", unexpected)); // no effect on a write already answered
            }
        } finally {
            terminated = true;
            for (Write<?> write; (write = queue.poll()) != null; ) {
                write.fail(closed());
            }
        }
    }

    /**
     * Applies {@code batch} in one transaction. A write that fails on its own (not found, invalid)
     * does not disturb the others. A storage failure rolls the transaction back; the failed write
     * gets its error and the rest are applied again in a fresh transaction, so every write ends
     * either committed or failed, never silently undone.
     */
    private void commitAll(List<Write<?>> batch) {
        ArrayDeque<Write<?>> pending = new ArrayDeque<>(batch);
        while (!pending.isEmpty()) {
            List<Write<?>> applied = new ArrayList<>(pending.size());
            StoreException unusable = fileProblem();
            if (unusable != null) {
                lastFailure = unusable;
                pending.forEach(write -> write.fail(unusable));
                return;
            }
            try {
                control.execute(beginStatement);
            } catch (SQLException e) {
                TodoException error = StoreErrors.wrap("cannot start a write", e);
                remember(error);
                pending.forEach(write -> write.fail(error));
                return;
            }
            if (System.nanoTime() - nextWatch >= 0) {
                // under the write lock: nobody else can commit until we do. Not for every batch: under
                // load that query was a fifth of a small batch's statements.
                watchForExternalChange();
            }
            Write<?> broken = null;
            while (!pending.isEmpty()) {
                Write<?> write = pending.poll();
                if (write.apply(mapper)) {
                    applied.add(write);
                } else if (write.brokeTransaction()) {
                    broken = write;
                    break;
                } else {
                    applied.add(write); // failed on its own; nothing of it to undo
                }
            }
            if (broken != null) {
                if (broken.error() instanceof TodoException todo) {
                    remember(todo);
                }
                rollbackQuietly();
                broken.complete(); // with its own error
                applied.forEach(Write::reset);
                applied.addAll(pending);
                pending.clear();
                pending.addAll(applied);
                continue;
            }
            batches.increment();
            writes.add(applied.size());
            try {
                control.execute("COMMIT");
            } catch (SQLException e) {
                rollbackQuietly();
                TodoException error = StoreErrors.wrap("cannot commit a write", e);
                remember(error);
                applied.forEach(write -> write.fail(error));
                continue;
            }
            lastFailure = null;
            // Committed: whatever happens from here, each write is acknowledged as committed.
            try {
                for (Write<?> write : applied) {
                    write.afterCommit();
                }
            } catch (Throwable e) { // an OutOfMemoryError among them: the cache may have missed an update
                try {
                    forgetCachedTasks(); // before the log line, which allocates
                    LOG.error("{} - updating the read cache after a commit failed; forgot the cached tasks", name, e);
                } catch (Throwable failed) {
                    // a cache that may hold an old row must not serve reads: the writer stops, and
                    // says so before these writes are answered
                    stoppedBy = failed;
                    throw failed;
                }
            } finally {
                applied.forEach(Write::complete);
            }
        }
    }

    /**
     * Fails when writes cannot succeed now: the file was removed, or the last write failed and a
     * probe write (page 1 rewritten, committed) still does.
     */
    @Override
    public void check() {
        if (stoppedBy != null) {
            throw closed();
        }
        boolean removed = file != null && !Files.exists(file);
        if (removed && !rescuable()) {
            throw removed();
        }
        if (removed || lastFailure != null || session == null) {
            // through the writer, which moves to a new file first when it can
            submit(mapper -> {
                try {
                    // rewrites page 1 with what it holds: the smallest write that still needs the disk
                    control.execute("PRAGMA user_version = " + Migrations.CURRENT);
                } catch (SQLException e) {
                    throw new IllegalStateException(e); // a storage failure: the writer wraps and remembers it
                }
                return null;
            });
        }
    }

    /**
     * Null when the file can take a write now; else why not. A removed file is rescued first when
     * its folder is back; until then a write would go to the removed file, be acknowledged, and be
     * lost at the next restart, since our descriptors still reach it.
     */
    private StoreException fileProblem() {
        if (file != null && !Files.exists(file) && !(rescuable() && rescue())) {
            return new StoreException("cannot write: the database file " + file.getFileName() + " was removed");
        }
        if (session == null && !reopen()) {
            return new StoreException("cannot write: the database file " + file.getFileName() + " cannot be opened again");
        }
        return null;
    }

    private boolean rescuable() {
        Path folder = file == null ? null : file.toAbsolutePath().getParent();
        return rescue != null && folder != null && Files.isDirectory(folder);
    }

    private StoreException removed() {
        return new StoreException("the database file " + file.getFileName() + " was removed");
    }

    /**
     * Copies the removed file's data to its path and moves the store onto the copy. Copied under
     * another name and moved into place only once every old connection is closed: the last one to
     * close deletes {@code <file>-wal} and {@code -shm} by name, and nothing may use those names yet.
     */
    private boolean rescue() {
        if (session == null) {
            return reopen(); // a copy made earlier, not yet in place
        }
        if (System.nanoTime() - nextRescue < 0) {
            return false;
        }
        nextRescue = System.nanoTime() + RESCUE_BACKOFF_NANOS; // a failure does not stall every batch
        if (Files.exists(rescued())) {
            LOG.error("{} - the database file {} was removed, and {} is in the way of copying it back: move it aside",
                    name, file, rescued());
            return false;
        }
        if (!rescue.closeReaders()) {
            return false;
        }
        try {
            try {
                session.flushStatements(); // closes the statements REUSE keeps: VACUUM wants none open
                mapper.close();
                control.execute("VACUUM INTO '" + rescued().toString().replace("'", "''") + "'");
            } catch (SQLException | RuntimeException e) {
                LOG.warn("{} - the database file was removed; copying it back to {} failed: {}", name, file, e.getMessage());
                deleteQuietly(rescued()); // ours, and incomplete
                try {
                    mapper.close(); // idempotent: it may not have been closed yet
                    mapper = keptStatements(session); // the old session goes on until a later try
                } catch (SQLException | RuntimeException again) {
                    // the writes fail (and say so) until a later rescue or reopen prepares them anew
                    LOG.warn("{} - cannot prepare the writer's statements again: {}", name, again.getMessage());
                }
                return false;
            }
            closeQuietly(control);
            session.close();
            session = null; // from here on the data is in the copy; reopen() moves it into place
            LOG.warn("{} - the database file {} was removed; its folder is back, so its data was copied there", name, file);
            return reopen();
        } finally {
            rescue.resumeReaders();
        }
    }

    private Path rescued() {
        return file.resolveSibling(file.getFileName() + ".rescued");
    }

    /** Moves a rescued copy into place if there is one, then opens the file again. */
    private boolean reopen() {
        if (!Files.exists(file)) {
            try {
                Files.move(rescued(), file, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.io.IOException e) {
                LOG.error("{} - the data of {} is in {}, which cannot be moved there yet: {}", name, file, rescued(), e.getMessage());
                return false;
            }
        }
        SqlSession fresh = null;
        try {
            fresh = rescue.openSession();
            Statement freshControl = fresh.getConnection().createStatement();
            KeptStatements freshMapper = keptStatements(fresh);
            session = fresh;
            connection = fresh.getConnection();
            mapper = freshMapper;
            control = freshControl;
            lastDataVersion = readDataVersion();
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{} - cannot open {} again: {}", name, file, e.getMessage());
            if (fresh != null) {
                fresh.close();
            }
            return false;
        }
    }

    /** The writer's statements: the per-task ones kept prepared, the rest through MyBatis. */
    private static KeptStatements keptStatements(SqlSession session) throws SQLException {
        return new KeptStatements(session.getConnection(), session.getConfiguration(), session.getMapper(TaskMapper.class));
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (java.io.IOException e) {
            LOG.debug("cannot delete {}: {}", path, e.getMessage());
        }
    }

    private void remember(TodoException error) {
        if (error instanceof StoreException store) {
            lastFailure = store;
        }
    }

    private void watchForExternalChange() {
        nextWatch = System.nanoTime() + WATCH_INTERVAL_NANOS;
        long version = readDataVersion();
        if (version != lastDataVersion) {
            lastDataVersion = version;
            onExternalChange.run();
        }
    }

    private long readDataVersion() {
        try (java.sql.ResultSet row = control.executeQuery("PRAGMA data_version")) {
            return row.next() ? row.getLong(1) : 0;
        } catch (SQLException e) {
            LOG.debug("{} - PRAGMA data_version failed: {}", name, e.getMessage());
            return lastDataVersion;
        }
    }

    private void rollbackQuietly() {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back on its own (disk full, I/O error)
            LOG.debug("{} - rollback after a failed write: {}", name, e.getMessage());
        }
    }

    /**
     * Applies what is queued, then stops the thread; the connection stays open for last words
     * such as a checkpoint, until {@link #close()}.
     */
    @Override
    public void stop() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (control != null) {
            closeQuietly(control);
        }
    }

    /** The writer's connection, null if it could not be reopened; only for use after {@link #stop()}. */
    Connection connection() {
        return connection;
    }

    /** Stops the writer if needed and closes its session and connection. */
    @Override
    public void close() {
        if (!terminated) {
            stop();
        }
        if (session != null) {
            mapper.close();
            session.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.getMessage());
        }
    }

    /** After a failed cache update: the cache forgets everything rather than keep an old row. */
    private void forgetCachedTasks() {
        onExternalChange.run();
    }

    private StoreException closed() {
        Throwable stopped = stoppedBy;
        return stopped != null ? new StoreException("cannot write: the writer stopped after " + stopped, stopped)
                : new StoreException("the store is closed");
    }

    /** One queued write and, once the writer is done with it, its outcome. */
    private static final class Write<T> {
        private final Function<TaskMapper, T> work;
        private final Consumer<? super T> afterCommit;
        private final CompletableFuture<T> outcome = new CompletableFuture<>();
        private T result;
        private RuntimeException error;
        private boolean brokeTransaction;

        Write(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
            this.work = work;
            this.afterCommit = afterCommit;
        }

        /** Tells the write's listener it is committed; a listener's failure fails nobody's write. */
        void afterCommit() {
            if (error != null) {
                return;
            }
            afterCommit.accept(result);
        }

        /** Runs the work; true when it succeeded. */
        boolean apply(TaskMapper mapper) {
            try {
                result = work.apply(mapper);
                return true;
            } catch (TodoException e) {
                error = e; // a verdict on this write alone, such as "not found"
                return false;
            } catch (RuntimeException e) {
                error = StoreErrors.wrap("cannot write", e);
                brokeTransaction = true;
                return false;
            } catch (OutOfMemoryError e) {
                // This write alone fails, rolled back with its transaction; the others are applied
                // again, and the writer stays: a heap short for one write may have room for the next.
                error = new StoreException("cannot write: out of memory", e);
                brokeTransaction = true;
                return false;
            }
        }

        boolean brokeTransaction() {
            return brokeTransaction;
        }

        RuntimeException error() {
            return error;
        }

        void reset() {
            result = null;
            error = null;
        }

        void complete() {
            if (error != null) {
                outcome.completeExceptionally(error);
            } else {
                outcome.complete(result);
            }
        }

        void fail(TodoException failure) {
            outcome.completeExceptionally(failure);
        }

        /**
         * Waits for the verdict, at most {@code timeoutMillis}. Past that the writer is stalled
         * (a hung disk, say): the caller is let go with an error that says the write may still
         * commit, never that it failed.
         */
        T await(long timeoutMillis) {
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            try {
                while (true) {
                    try {
                        return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        // The write may already be committed: wait for the verdict, not abandon it.
                        interrupted = true;
                    }
                }
            } catch (TimeoutException e) {
                throw new StoreException("the write was not done within " + timeoutMillis + " ms (the writer is stalled:"
                        + " a hung disk?); it may still be committed, so read it back before sending it again");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TodoException todo) {
                    throw todo;
                }
                throw new StoreException("write failed", cause);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
