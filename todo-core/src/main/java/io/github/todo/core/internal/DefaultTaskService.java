package io.github.todo.core.internal;

import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.PageRequest;
import io.github.todo.core.StoreException;
import io.github.todo.core.StoreStats;
import io.github.todo.core.Task;
import io.github.todo.core.TaskCounts;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TaskPage;
import io.github.todo.core.TaskPatch;
import io.github.todo.core.TaskRules;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.core.TodoException;
import io.github.todo.core.internal.mapper.TaskMapper;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskService}: the rules and the shape of each operation, over the {@link Store} its
 * configuration opens. Reads run on the store's sessions; writes go through its {@link StoreWriter}.
 */
public final class DefaultTaskService implements TaskService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultTaskService.class);

    private final Store store;
    private final TodoConfig config;
    private final TaskRules rules;
    private final int maxNameLength;
    private final StoreWriter writes;
    private final ReadCache cache;
    private final QuickReads quickReads;
    private final TaskOperations operations;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Runs {@link #findAsync}'s reads: one thread per pooled connection. */
    private final ThreadPoolExecutor readThreads;

    private DefaultTaskService(Store store, TodoConfig config) {
        this.store = store;
        this.config = config;
        this.rules = new TaskRules(config.maxNameLength());
        this.maxNameLength = config.maxNameLength();
        this.writes = store.writes();
        this.cache = store.cache();
        this.quickReads = store.quickReads();
        this.operations = new TaskOperations(rules, cache);
        this.readThreads = StoreThreads.fixed(store.name() + "-read", config.poolSize(), config.writeQueueCapacity());
    }

    /** Opens the store; see {@link TaskService#open(TodoConfig)}. */
    public static TaskService open(TodoConfig config) {
        long started = System.nanoTime();
        Store store = Stores.open(config);
        LOG.info("{} - opened {} in {} ms", store.name(), config.location(), (System.nanoTime() - started) / 1_000_000);
        return new DefaultTaskService(store, config);
    }

    @Override
    public void backup(java.nio.file.Path target) {
        ensureOpen();
        Backups.backup(store.name(), store.dialect(), store.sessions().getConfiguration().getEnvironment().getDataSource(), target);
    }

    @Override
    public io.github.todo.core.TaskImport beginImport() {
        ensureOpen();
        return JdbcTaskImport.begin(store, rules, config.location());
    }

    @Override
    public long idSequence() {
        ensureOpen();
        return SchemaVersions.idSequence(store, config.location());
    }

    @Override
    public Task create(TaskDraft draft) {
        return write(operations.creating(draft));
    }

    @Override
    public CompletionStage<Task> createAsync(TaskDraft draft) {
        return writeAsync(operations.creating(draft));
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
        Task cached = cache.get(id);
        if (cached != null) {
            return CompletableFuture.completedFuture(Optional.of(cached));
        }
        QuickReads.Attempt now = quickReads.tryFind(id);
        if (!now.declined()) {
            return CompletableFuture.completedFuture(now.row());
        }
        return StoreThreads.supply(readThreads, "read", () -> find(id));
    }

    /** The task if it is in the read cache, without touching the database; for tests of the cache. */
    public Optional<Task> findInMemory(long id) {
        return closed.get() ? Optional.empty() : Optional.ofNullable(cache.get(id));
    }

    @Override
    public Task replace(long id, TaskDraft draft, ExpectedVersion expected) {
        return write(operations.replacing(id, draft, expected));
    }

    @Override
    public CompletionStage<Task> replaceAsync(long id, TaskDraft draft, ExpectedVersion expected) {
        return writeAsync(operations.replacing(id, draft, expected));
    }

    @Override
    public Task patch(long id, TaskPatch patch, ExpectedVersion expected) {
        return write(operations.patching(id, patch, expected));
    }

    @Override
    public CompletionStage<Task> patchAsync(long id, TaskPatch patch, ExpectedVersion expected) {
        return writeAsync(operations.patching(id, patch, expected));
    }

    @Override
    public void delete(long id, ExpectedVersion expected) {
        write(operations.deleting(id, expected));
    }

    @Override
    public CompletionStage<Void> deleteAsync(long id, ExpectedVersion expected) {
        return writeAsync(operations.deleting(id, expected));
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
        try (SqlSession session = store.streamingSession();
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
    public TaskCounts counts() {
        return read(TaskMapper::counts);
    }

    @Override
    public long markAll(boolean done) {
        return operations.markAll(done, this::write);
    }

    @Override
    public long deleteAll(boolean done) {
        return operations.deleteAll(done, this::write);
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
        store.close();
        LOG.info("{} - closed", store.name());
    }

    @Override
    public StoreStats stats() {
        // Closed, or over the application's DataSource: no pool of ours to report.
        return (closed.get() ? ReadPool.NONE : store.readPool()).stats(writes);
    }

    private <T> T write(TaskOperations.Op<T> op) {
        ensureOpen();
        return writes.submit(op.work(), op.afterCommit());
    }

    private <T> CompletionStage<T> writeAsync(TaskOperations.Op<T> op) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new StoreException("the store is closed"));
        }
        return writes.submitAsync(op.work(), op.afterCommit());
    }

    private <T> T read(Function<TaskMapper, T> work) {
        ensureOpen();
        try (SqlSession session = store.sessions().openSession(true)) {
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
}
