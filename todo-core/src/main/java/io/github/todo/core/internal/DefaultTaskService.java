package io.github.todo.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.todo.core.PageRequest;
import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TaskService}: reads on the pool, writes through the {@link SingleWriter}. */
public final class DefaultTaskService implements TaskService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultTaskService.class);

    private final String name;
    private final TaskRules rules;
    private final SqlSessionFactory sessions;
    private final SingleWriter writer;
    private final HikariDataSource ownPool;
    private final int maxNameLength;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DefaultTaskService(String name, TodoConfig config, SqlSessionFactory sessions,
                               SingleWriter writer, HikariDataSource ownPool) {
        this.name = name;
        this.rules = new TaskRules(config.maxNameLength());
        this.maxNameLength = config.maxNameLength();
        this.sessions = sessions;
        this.writer = writer;
        this.ownPool = ownPool;
    }

    /** Opens the store; see {@link TaskService#open(TodoConfig)}. */
    public static TaskService open(TodoConfig config) {
        long started = System.nanoTime();
        String name = config.databaseFile() != null ? "todo[" + config.databaseFile().getFileName() + "]" : "todo[external]";
        Connection writerConnection = null;
        HikariDataSource pool = null;
        try {
            DataSource writes;
            DataSource reads;
            if (config.databaseFile() != null) {
                SqliteSetup.preflight(config.databaseFile(), (int) config.busyTimeout().toMillis());
                writes = SqliteSetup.dataSource(config);
                pool = pool(name, writes, config);
                reads = pool;
            } else {
                writes = config.dataSource();
                reads = config.dataSource();
            }
            writerConnection = writes.getConnection();
            Migrations.apply(writerConnection, config.databaseFile() != null ? config.databaseFile() : "the data source");
            SqlSessionFactory sessions = Sessions.factory(reads);
            // The writer's session lives as long as the store: REUSE keeps its statements prepared.
            SqlSession writerSession = sessions.openSession(ExecutorType.REUSE, writerConnection);
            SingleWriter writer = new SingleWriter(name, writerConnection, writerSession, new SingleWriter.WriterSettings(
                    config.writeQueueCapacity(), config.busyTimeout().toMillis(), config.maxBatchSize(), "BEGIN IMMEDIATE"));
            LOG.info("{} - opened {} in {} ms", name,
                    config.databaseFile() != null ? config.databaseFile().toAbsolutePath() : "the data source",
                    (System.nanoTime() - started) / 1_000_000);
            return new DefaultTaskService(name, config, sessions, writer, pool);
        } catch (RuntimeException | SQLException e) {
            closeQuietly(writerConnection);
            closeQuietly(pool);
            if (StoreErrors.isNotADatabase(e)) {
                throw StoreErrors.notADatabase(config.databaseFile(), e);
            }
            throw StoreErrors.wrap("cannot open the store", e);
        }
    }

    private static HikariDataSource pool(String name, DataSource sqlite, TodoConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name + "-reads");
        hikari.setDataSource(sqlite);
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(config.poolSize());
        hikari.setConnectionTimeout(Math.max(250, config.busyTimeout().toMillis()));
        return new HikariDataSource(hikari);
    }

    @Override
    public Task create(TaskDraft draft) {
        rules.check(draft);
        return write(mapper -> mapper.insert(draft.name(), draft.done()));
    }

    @Override
    public Optional<Task> find(long id) {
        rules.checkId(id);
        return Optional.ofNullable(read(mapper -> mapper.selectById(id)));
    }

    @Override
    public Task replace(long id, TaskDraft draft) {
        rules.checkId(id);
        rules.check(draft);
        return write(mapper -> found(id, mapper.update(id, draft.name(), draft.done())));
    }

    @Override
    public Task patch(long id, TaskPatch patch) {
        rules.checkId(id);
        rules.check(patch);
        if (patch.name() == null && patch.done() == null) {
            return find(id).orElseThrow(() -> new TaskNotFoundException(id));
        }
        return write(mapper -> found(id, mapper.patch(id, patch.name(), patch.done())));
    }

    @Override
    public void delete(long id) {
        rules.checkId(id);
        write(mapper -> found(id, mapper.deleteById(id) == 1 ? Boolean.TRUE : null));
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
        try (SqlSession session = sessions.openSession(true);
             Cursor<Task> cursor = session.getMapper(TaskMapper.class).selectAll()) {
            for (Task task : cursor) {
                action.accept(task);
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

    @Override
    public long count() {
        return read(TaskMapper::count);
    }

    @Override
    public void ping() {
        read(TaskMapper::ping);
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
        writer.stop();
        try {
            if (ownPool != null) {
                ownPool.close();
                // With every reader gone the checkpoint can fold the whole log back in.
                SqliteSetup.checkpoint(writer.connection());
            }
        } catch (SQLException e) {
            LOG.warn("{} - WAL checkpoint at close failed: {}", name, e.getMessage());
        } finally {
            writer.close();
        }
        LOG.info("{} - closed", name);
    }

    /** Writer statistics for metrics: transactions, writes and queue depth. */
    public long writerBatches() {
        return writer.batchCount();
    }

    /** How many writes the writer has applied. */
    public long writerWrites() {
        return writer.writeCount();
    }

    /** How many writes wait for the writer now. */
    public int writerQueueDepth() {
        return writer.queueDepth();
    }

    private <T> T write(Function<TaskMapper, T> work) {
        ensureOpen();
        return writer.submit(work);
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
