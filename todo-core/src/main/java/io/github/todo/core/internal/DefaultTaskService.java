package io.github.todo.core.internal;

import static io.github.todo.core.internal.mapper.TaskMapper.ANY_VERSION;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.todo.core.PageRequest;
import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.TaskConflictException;
import io.github.todo.core.TaskCounts;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TaskPage;
import io.github.todo.core.TaskPatch;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.core.TodoException;
import io.github.todo.core.internal.mapper.TaskMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskService}: reads on the pool; writes through {@link Writes}, which is the
 * {@link SingleWriter} on SQLite and the pool itself on PostgreSQL.
 */
public final class DefaultTaskService implements TaskService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultTaskService.class);

    private final String name;
    private final TodoConfig config;
    private final TaskRules rules;
    private final Dialect dialect;
    private final SqlSessionFactory sessions;
    private final Writes writes;
    private final HikariDataSource ownPool;
    private final int maxNameLength;
    private final TaskCache cache; // null when off
    private final QuickReads quickReads; // QuickReads.off() on PostgreSQL and an application's DataSource
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Runs {@link #findAsync}'s reads: one thread per pooled connection. */
    private final ThreadPoolExecutor readThreads;

    private DefaultTaskService(String name, TodoConfig config, Dialect dialect, SqlSessionFactory sessions,
                               Writes writes, HikariDataSource ownPool, TaskCache cache, QuickReads quickReads) {
        this.name = name;
        this.config = config;
        this.rules = new TaskRules(config.maxNameLength());
        this.maxNameLength = config.maxNameLength();
        this.dialect = dialect;
        this.sessions = sessions;
        this.writes = writes;
        this.ownPool = ownPool;
        this.cache = cache;
        this.quickReads = quickReads;
        this.readThreads = StoreThreads.fixed(name + "-read", config.poolSize(), config.writeQueueCapacity());
    }

    /** Opens the store; see {@link TaskService#open(TodoConfig)}. */
    public static TaskService open(TodoConfig config) {
        long started = System.nanoTime();
        String name = config.databaseFile() != null ? "todo[" + config.databaseFile().getFileName() + "]"
                : config.jdbcUrl() != null ? PostgresqlSetup.name(config.jdbcUrl()) : "todo[external]";
        // SQLite's messages have always named the file as given; the others name a safe location.
        Object where = config.databaseFile() != null ? config.databaseFile() : config.location();
        Connection first = null;
        HikariDataSource pool = null;
        CountedConnections readerConnections = null;
        // A file is SQLite before it is opened: its mapper is read meanwhile.
        CompletableFuture<Configuration> mapping = config.databaseFile() != null ? Sessions.mappingAhead(Dialect.SQLITE) : null;
        try {
            DataSource connections; // the first connection's source, and on SQLite the writer's
            DataSource reads;
            if (config.databaseFile() != null) {
                SqliteSetup.preflight(config.databaseFile(), (int) config.busyTimeout().toMillis());
                connections = SqliteSetup.dataSource(config);
                first = connections.getConnection(); // makes the file when it is new: readers may not
                readerConnections = SqliteSetup.existingFile(config);
                pool = pool(name, readerConnections, config);
                reads = pool;
            } else if (config.jdbcUrl() != null) {
                pool = PostgresqlSetup.pool(name, config);
                connections = pool;
                reads = pool;
            } else {
                connections = config.dataSource();
                reads = config.dataSource();
            }
            if (first == null) {
                first = connections.getConnection();
            }
            Dialect dialect = Dialect.of(first, where);
            Migrations.apply(first, dialect, where);
            SqlSessionFactory sessions = Sessions.factory(reads,
                    mapping != null ? Sessions.await(mapping) : Sessions.mapping(dialect));
            Writes writes;
            TaskCache cache = null;
            QuickReads quickReads = QuickReads.off();
            if (dialect == Dialect.SQLITE) {
                // Only where one writer sees every commit can a cache be kept in step with the database.
                cache = config.readCacheBytes() > 0 ? new TaskCache(config.readCacheBytes()) : null;
                if (readerConnections != null) {
                    quickReads = new QuickReads(name, readerConnections, sessions.getConfiguration(), config.poolSize());
                }
                writes = singleWriter(name, first, sessions, config, cache,
                        readerConnections == null ? null
                                : rescue(name, SqliteSetup.existingFile(config), readerConnections, pool, sessions, quickReads));
            } else {
                first.close(); // back to the pool: PostgreSQL writes take pooled connections as reads do
                first = null;
                writes = new PooledWrites(name, sessions, config.poolSize(), config.writeQueueCapacity());
            }
            LOG.info("{} - opened {} in {} ms", name, config.location(), (System.nanoTime() - started) / 1_000_000);
            return new DefaultTaskService(name, config, dialect, sessions, writes, pool, cache, quickReads);
        } catch (RuntimeException | SQLException e) {
            closeQuietly(first);
            closeQuietly(pool);
            if (StoreErrors.isNotADatabase(e)) {
                throw StoreErrors.notADatabase(config.databaseFile(), e);
            }
            throw StoreErrors.wrap("cannot open " + config.location(), e);
        }
    }

    private static SingleWriter singleWriter(String name, Connection connection, SqlSessionFactory sessions,
                                             TodoConfig config, TaskCache cache, SingleWriter.Rescue rescue) throws SQLException {
        // The writer's session lives as long as the store: REUSE keeps its statements prepared.
        SqlSession session = sessions.openSession(ExecutorType.REUSE, connection);
        Runnable externalChange = cache == null ? () -> { } : () -> {
            LOG.debug("{} - another connection changed the database: forgetting cached tasks", name);
            cache.clear();
        };
        return new SingleWriter(name, connection, session, new SingleWriter.WriterSettings(
                config.writeQueueCapacity(), config.busyTimeout().toMillis(), config.maxBatchSize(), "BEGIN IMMEDIATE",
                SingleWriter.WriterSettings.VERDICT_TIMEOUT_MILLIS),
                externalChange, config.databaseFile(), rescue);
    }

    /** How the writer moves the store onto a copy of its removed file: readers held and reconnected. */
    private static SingleWriter.Rescue rescue(String name, DataSource files, CountedConnections readerConnections,
                                              HikariDataSource pool, SqlSessionFactory sessions, QuickReads quickReads) {
        return new SingleWriter.Rescue() {
            @Override
            public boolean closeReaders() {
                HikariPoolMXBean readers = pool.getHikariPoolMXBean();
                readers.suspendPool();
                quickReads.hold();
                readers.softEvictConnections(); // idle ones close now, busy ones when they come back
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (readerConnections.open() > 0) { // Hikari's own count drops before the close is done
                    if (System.nanoTime() > deadline) {
                        LOG.warn("{} - reads still running after 5 s; the removed file is copied back later", name);
                        readers.resumePool();
                        quickReads.resume();
                        return false;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                return true;
            }

            @Override
            public void resumeReaders() {
                pool.getHikariPoolMXBean().resumePool();
                quickReads.resume();
            }

            @Override
            public SqlSession openSession() throws SQLException {
                return sessions.openSession(ExecutorType.REUSE, files.getConnection());
            }
        };
    }

    private static HikariDataSource pool(String name, DataSource sqlite, TodoConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name + "-reads");
        hikari.setDataSource(sqlite);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(config.poolSize());
        hikari.setConnectionTimeout(Math.max(250, config.busyTimeout().toMillis()));
        hikari.setAllowPoolSuspension(true); // held while a removed file is copied back (SingleWriter.Rescue)
        return new HikariDataSource(hikari);
    }

    @Override
    public void backup(java.nio.file.Path target) {
        checkOpen();
        Backups.backup(name, dialect, sessions.getConfiguration().getEnvironment().getDataSource(), target);
    }

    @Override
    public io.github.todo.core.TaskImport beginImport() {
        checkOpen();
        // A connection of its own: on SQLite one that may write (the readers' may not create the file)
        DataSource source = config.databaseFile() != null ? SqliteSetup.dataSource(config)
                : sessions.getConfiguration().getEnvironment().getDataSource();
        Connection connection = null;
        try {
            connection = source.getConnection();
            return new JdbcTaskImport(name, connection, dialect, rules);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw StoreErrors.wrap("cannot start an import into " + config.location(), e);
        }
    }

    @Override
    public long idSequence() {
        checkOpen();
        try (Connection connection = sessions.getConfiguration().getEnvironment().getDataSource().getConnection()) {
            return SchemaVersions.idSequence(connection, dialect);
        } catch (SQLException e) {
            throw StoreErrors.wrap("cannot read the id sequence of " + config.location(), e);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new StoreException("the store is closed");
        }
    }

    @Override
    public Task create(TaskDraft draft) {
        return write(creating(draft));
    }

    @Override
    public CompletionStage<Task> createAsync(TaskDraft draft) {
        return writeAsync(creating(draft));
    }

    @Override
    public Optional<Task> find(long id) {
        rules.checkId(id);
        return Optional.ofNullable(read(mapper -> mapper.selectById(id)));
    }

    @Override
    public CompletionStage<Optional<Task>> findAsync(long id) {
        rules.checkId(id);
        if (closed.get()) {
            return CompletableFuture.failedFuture(new StoreException("the store is closed"));
        }
        Task cached = cache == null ? null : cache.get(id);
        if (cached != null) {
            return CompletableFuture.completedFuture(Optional.of(cached));
        }
        QuickReads.Found now = quickReads.tryFind(id);
        if (now != null) {
            return CompletableFuture.completedFuture(Optional.ofNullable(now.row()));
        }
        return StoreThreads.supply(readThreads, "read", () -> find(id));
    }

    @Override
    public Optional<Task> findInMemory(long id) {
        return cache == null || closed.get() ? Optional.empty() : Optional.ofNullable(cache.get(id));
    }

    @Override
    public Task replace(long id, TaskDraft draft) {
        return write(replacing(id, draft, ANY_VERSION));
    }

    @Override
    public Task replace(long id, TaskDraft draft, long expectedVersion) {
        return write(replacing(id, draft, rules.checkVersion(expectedVersion)));
    }

    @Override
    public CompletionStage<Task> replaceAsync(long id, TaskDraft draft) {
        return writeAsync(replacing(id, draft, ANY_VERSION));
    }

    @Override
    public CompletionStage<Task> replaceAsync(long id, TaskDraft draft, long expectedVersion) {
        return writeAsync(replacing(id, draft, rules.checkVersion(expectedVersion)));
    }

    @Override
    public Task patch(long id, TaskPatch patch) {
        return write(patching(id, patch, ANY_VERSION));
    }

    @Override
    public Task patch(long id, TaskPatch patch, long expectedVersion) {
        return write(patching(id, patch, rules.checkVersion(expectedVersion)));
    }

    @Override
    public CompletionStage<Task> patchAsync(long id, TaskPatch patch) {
        return writeAsync(patching(id, patch, ANY_VERSION));
    }

    @Override
    public CompletionStage<Task> patchAsync(long id, TaskPatch patch, long expectedVersion) {
        return writeAsync(patching(id, patch, rules.checkVersion(expectedVersion)));
    }

    @Override
    public void delete(long id) {
        write(deleting(id, ANY_VERSION));
    }

    @Override
    public void delete(long id, long expectedVersion) {
        write(deleting(id, rules.checkVersion(expectedVersion)));
    }

    @Override
    public CompletionStage<Void> deleteAsync(long id) {
        return writeAsync(deleting(id, ANY_VERSION));
    }

    @Override
    public CompletionStage<Void> deleteAsync(long id, long expectedVersion) {
        return writeAsync(deleting(id, rules.checkVersion(expectedVersion)));
    }

    /** One write, checked, as the writer runs it; the same whether the caller waits or not. */
    private record WriteOp<T>(Function<TaskMapper, T> work, Consumer<? super T> afterCommit) {
    }

    private WriteOp<Task> creating(TaskDraft draft) {
        rules.check(draft);
        return new WriteOp<>(mapper -> mapper.insert(draft.name(), draft.done()), this::cached);
    }

    private WriteOp<Task> replacing(long id, TaskDraft draft, long expected) {
        rules.checkId(id);
        rules.check(draft);
        return new WriteOp<>(mapper -> changed(mapper, id, expected, mapper.update(id, draft.name(), draft.done(), expected)),
                this::cached);
    }

    private WriteOp<Task> patching(long id, TaskPatch patch, long expected) {
        rules.checkId(id);
        rules.check(patch);
        if (patch.name() == null && patch.done() == null) {
            // nothing to change: the task as the writer sees it, in order with the writes before
            return new WriteOp<>(mapper -> {
                Task current = found(id, mapper.selectById(id));
                if (expected != ANY_VERSION && current.version() != expected) {
                    throw new TaskConflictException(id, expected, current.version());
                }
                return current;
            }, task -> { });
        }
        return new WriteOp<>(mapper -> changed(mapper, id, expected, mapper.patch(id, patch.name(), patch.done(), expected)),
                this::cached);
    }

    private WriteOp<Void> deleting(long id, long expected) {
        rules.checkId(id);
        return new WriteOp<>(mapper -> {
            if (mapper.deleteById(id, expected) != 1) {
                changed(mapper, id, expected, null);
            }
            return null;
        }, deleted -> {
            if (cache != null) {
                cache.remove(id);
            }
        });
    }

    /**
     * The row a conditional statement changed, or why it changed none: the task is gone, or (asked
     * again in the same transaction) at another version than expected.
     */
    private static Task changed(TaskMapper mapper, long id, long expected, Task row) {
        if (row != null) {
            return row;
        }
        if (expected != ANY_VERSION) {
            Task current = mapper.selectById(id);
            if (current != null) {
                throw new TaskConflictException(id, expected, current.version());
            }
        }
        throw new TaskNotFoundException(id);
    }

    @Override
    public TaskPage list(PageRequest request) {
        // One row more than asked tells whether a next page exists without a second query.
        List<Task> rows = read(mapper -> mapper.selectPage(request.after(), request.done(), request.limit() + 1));
        if (rows.size() <= request.limit()) {
            return new TaskPage(rows, OptionalLong.empty());
        }
        List<Task> page = rows.subList(0, request.limit());
        return new TaskPage(page, OptionalLong.of(page.get(page.size() - 1).id()));
    }

    @Override
    public void forEach(Consumer<? super Task> action) {
        ensureOpen();
        // PostgreSQL's driver reads a result through a server-side cursor, fetchSize rows at a
        // time, only inside a transaction; without one it would hold every row in memory at once.
        boolean transaction = dialect == Dialect.POSTGRESQL;
        try (SqlSession session = sessions.openSession(!transaction)) {
            if (transaction) {
                readOnly(session);
            }
            try (Cursor<Task> cursor = session.getMapper(TaskMapper.class).selectAll()) {
                for (Task task : cursor) {
                    action.accept(task);
                }
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot close the cursor", e);
        } catch (RuntimeException e) {
            if (e.getClass().getName().startsWith("org.apache.ibatis.")) {
                throw StoreErrors.wrap("cannot read tasks", e);
            }
            throw e; // the action's own exception, unchanged
        }
    }

    /** Scoped to the transaction, unlike Connection.setReadOnly: nothing to undo on a container's connection. */
    private static void readOnly(SqlSession session) {
        try (Statement statement = session.getConnection().createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
        } catch (SQLException e) {
            throw StoreErrors.wrap("cannot read tasks", e);
        }
    }

    @Override
    public long count() {
        return read(TaskMapper::count);
    }

    @Override
    public TaskCounts counts() {
        return read(TaskMapper::counts);
    }

    /** Rows a set operation changes in one write: a few milliseconds of the writer's time. */
    static final int SET_CHUNK = 1000;

    @Override
    public long markAll(boolean done) {
        long changed = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Task> chunk = write(new WriteOp<>(mapper -> mapper.markChunk(done, from, SET_CHUNK), rows -> {
                if (cache != null) {
                    rows.forEach(cache::refresh);
                }
            }));
            changed += chunk.size();
            if (chunk.size() < SET_CHUNK) {
                return changed;
            }
            after = chunk.stream().mapToLong(Task::id).max().orElse(after);
        }
    }

    @Override
    public long deleteAll(boolean done) {
        long deleted = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Long> chunk = write(new WriteOp<>(mapper -> mapper.deleteChunk(done, from, SET_CHUNK), ids -> {
                if (cache != null) {
                    ids.forEach(cache::remove);
                }
            }));
            deleted += chunk.size();
            if (chunk.size() < SET_CHUNK) {
                return deleted;
            }
            after = chunk.stream().mapToLong(Long::longValue).max().orElse(after);
        }
    }

    @Override
    public void ping() {
        read(TaskMapper::ping);
        ensureOpen();
        writes.check();
    }

    @Override
    public int maxNameLength() {
        return maxNameLength;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writes.stop();
        readThreads.shutdown(); // reads still queued fail with "the store is closed"
        quickReads.close();
        try {
            if (ownPool != null) {
                ownPool.close();
                // With every reader gone the checkpoint can fold the whole log back in; there is no
                // connection to do it on when the file could not be opened again after a rescue.
                if (writes instanceof SingleWriter writer && writer.connection() != null) {
                    SqliteSetup.checkpoint(writer.connection());
                }
            }
        } catch (SQLException e) {
            LOG.warn("{} - WAL checkpoint at close failed: {}", name, e.getMessage());
        } finally {
            writes.close();
        }
        LOG.info("{} - closed", name);
    }

    /** Writer statistics for metrics: transactions, writes and queue depth. */
    public long writerBatches() {
        return writes.batchCount();
    }

    /** How many writes the writer has applied. */
    public long writerWrites() {
        return writes.writeCount();
    }

    /** How many writes wait for the writer now. */
    public int writerQueueDepth() {
        return writes.queueDepth();
    }

    @Override
    public io.github.todo.core.StoreStats stats() {
        // A store over the application's DataSource has no pool of ours to report.
        com.zaxxer.hikari.HikariPoolMXBean pool = ownPool == null || closed.get() ? null : ownPool.getHikariPoolMXBean();
        if (pool == null) {
            return new io.github.todo.core.StoreStats(writerBatches(), writerWrites(), writerQueueDepth(), 0, 0, 0, 0);
        }
        return new io.github.todo.core.StoreStats(writerBatches(), writerWrites(), writerQueueDepth(),
                pool.getActiveConnections(), pool.getIdleConnections(), pool.getThreadsAwaitingConnection(),
                ownPool.getMaximumPoolSize());
    }

    private <T> T write(WriteOp<T> op) {
        ensureOpen();
        return writes.submit(op.work(), op.afterCommit());
    }

    private <T> CompletionStage<T> writeAsync(WriteOp<T> op) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new StoreException("the store is closed"));
        }
        return writes.submitAsync(op.work(), op.afterCommit());
    }

    /** After the commit of {@code task}, on the writer thread, in commit order. */
    private void cached(Task task) {
        if (cache != null) {
            cache.put(task);
        }
    }

    private <T> T read(Function<TaskMapper, T> work) {
        ensureOpen();
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session.getMapper(TaskMapper.class));
        } catch (TodoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StoreErrors.wrap("cannot read tasks", e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new StoreException("the store is closed");
        }
    }

    private static <T> T found(long id, T row) {
        if (row == null) {
            throw new TaskNotFoundException(id);
        }
        return row;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("close failed: {}", e.getMessage());
        }
    }
}
