package io.github.todo.client;

import io.github.todo.client.internal.Calls;
import io.github.todo.client.internal.HttpTasks;
import io.github.todo.client.internal.Transport;
import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.PageRequest;
import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.TaskConflictException;
import io.github.todo.core.TaskCounts;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TaskPage;
import io.github.todo.core.TaskPatch;
import io.github.todo.core.TaskRules;
import io.github.todo.core.TaskService;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link TaskService} that is a todo server's HTTP API, over {@code java.net.http}: an
 * application can use an embedded store or a remote one by configuration, with the same code.
 * <pre>{@code
 * TaskService tasks = remote
 *         ? TodoClient.builder(URI.create("http://todo.internal:8000")).token(token).build()
 *         : TaskService.open(TodoConfig.of(Path.of("todo.db")));
 * }</pre>
 *
 * <p>It behaves as the embedded store does, with these differences:
 * <ul>
 *   <li>Errors are the same exceptions: a 404 is {@link TaskNotFoundException} with the id, a 400
 *       {@link InvalidTaskException} with the field the server named, a 412
 *       {@link TaskConflictException} with the current version from the answer's {@code ETag}; a 401
 *       is {@link UnauthorizedException}; any other answer, no answer, or none within the
 *       {@linkplain TodoClientBuilder#timeout timeout}, a {@link StoreException}. Input that breaks a rule is
 *       refused locally, at once, by the same rules as the library's, before anything is sent.</li>
 *   <li>A task's version comes from its {@code ETag}, so {@link #find}, {@link #create} and the
 *       writes return it. The tasks of {@link #list} and {@link #forEach} have
 *       {@link #VERSION_UNKNOWN}: the API's lists carry no versions. Read a task with
 *       {@link #find} before a conditional write.</li>
 *   <li>{@link #forEach} streams {@code GET /tasks}, one answer, reading the JSON array a task at a
 *       time: memory stays flat. The server reads it 1,000 rows at a time, so it is not one
 *       snapshot: a task changed meanwhile may show either version.</li>
 *   <li>{@link #maxNameLength} is
 *       the {@linkplain TodoClientBuilder#maxNameLength setting}, as the API does not say the server's;
 *       {@link #backup}, {@link #beginImport} and {@link #idSequence} are not offered.</li>
 *   <li>The {@code Async} forms never block: they send without waiting and complete on the HTTP
 *       client's threads. At most 64 requests are on the wire at once; more wait in the client, in
 *       order.</li>
 * </ul>
 * Safe to share between threads; {@link #close} releases the HTTP client it made.
 */
public final class TodoClient implements TaskService {

    /** The version of the tasks {@link #list} and {@link #forEach} return: the API's lists carry none. */
    public static final long VERSION_UNKNOWN = 0;

    private final URI base;
    private final int maxNameLength;
    private final TaskRules rules;
    private final Transport transport;
    private final HttpTasks http;
    private final Calls calls;

    TodoClient(TodoClientBuilder builder) {
        this.base = builder.base;
        this.maxNameLength = builder.maxNameLength;
        this.rules = new TaskRules(maxNameLength);
        this.transport = new Transport(builder.base, builder.token, builder.timeout, builder.httpClient, builder.tls);
        this.http = new HttpTasks(transport);
        this.calls = new Calls(transport);
    }

    /**
     * Starts the configuration of a client of the todo API at {@code base}, such as
     * {@code http://127.0.0.1:8000} or, for the WAR, {@code https://host/todo}.
     *
     * @throws IllegalArgumentException if {@code base} is not an absolute http or https URL
     */
    public static TodoClientBuilder builder(URI base) {
        return new TodoClientBuilder(base);
    }

    /** The API's base URL. */
    public URI base() {
        return base;
    }

    @Override
    public Task create(TaskDraft draft) {
        rules.check(draft);
        return await(() -> http.create(draft));
    }

    @Override
    public CompletionStage<Task> createAsync(TaskDraft draft) {
        rules.check(draft);
        return later(() -> http.create(draft));
    }

    /** {@inheritDoc} Asks the server: {@code GET /tasks/{id}}. */
    @Override
    public Optional<Task> find(long id) {
        rules.checkId(id);
        return await(() -> http.find(id));
    }

    /** As {@link #find}, without waiting: the stage completes when the server answers. */
    @Override
    public CompletionStage<Optional<Task>> findAsync(long id) {
        rules.checkId(id);
        return later(() -> http.find(id));
    }

    /** {@inheritDoc} Sent with {@code If-Match: "version"} unless {@code expected} is {@link ExpectedVersion#any()}. */
    @Override
    public Task replace(long id, TaskDraft draft, ExpectedVersion expected) {
        rules.checkId(id);
        rules.check(draft);
        return await(() -> http.replace(id, draft, expected));
    }

    /** {@inheritDoc} Sent with {@code If-Match: "version"} unless {@code expected} is {@link ExpectedVersion#any()}. */
    @Override
    public Task patch(long id, TaskPatch patch, ExpectedVersion expected) {
        rules.checkId(id);
        rules.check(patch);
        return await(() -> http.patch(id, patch, expected));
    }

    /** {@inheritDoc} Sent with {@code If-Match: "version"} unless {@code expected} is {@link ExpectedVersion#any()}. */
    @Override
    public void delete(long id, ExpectedVersion expected) {
        rules.checkId(id);
        await(() -> http.delete(id, expected));
    }

    @Override
    public CompletionStage<Task> replaceAsync(long id, TaskDraft draft, ExpectedVersion expected) {
        rules.checkId(id);
        rules.check(draft);
        return later(() -> http.replace(id, draft, expected));
    }

    @Override
    public CompletionStage<Task> patchAsync(long id, TaskPatch patch, ExpectedVersion expected) {
        rules.checkId(id);
        rules.check(patch);
        return later(() -> http.patch(id, patch, expected));
    }

    @Override
    public CompletionStage<Void> deleteAsync(long id, ExpectedVersion expected) {
        rules.checkId(id);
        return later(() -> http.delete(id, expected));
    }

    /** {@inheritDoc} {@code GET /tasks/count}. */
    @Override
    public TaskCounts counts() {
        return await(http::counts);
    }

    /** {@inheritDoc} {@code PATCH /tasks} with {@code {"done": done}}. */
    @Override
    public long markAll(boolean done) {
        return await(() -> http.markAll(done));
    }

    /** {@inheritDoc} {@code DELETE /tasks?done=done}. */
    @Override
    public long deleteAll(boolean done) {
        return await(() -> http.deleteAll(done));
    }

    /**
     * {@inheritDoc} {@code GET /tasks?limit=&after=&done=}; the next page's cursor is read from the
     * answer's {@code Link} header. The tasks have {@link #VERSION_UNKNOWN}.
     */
    @Override
    public TaskPage list(PageRequest request) {
        Objects.requireNonNull(request, "request");
        return await(() -> http.list(request));
    }

    /**
     * Hands every task to {@code action} in id order as {@code GET /tasks} streams them, without
     * holding the list. The tasks have {@link #VERSION_UNKNOWN}, and the rows are read by the
     * server a page at a time, not as one snapshot. An exception thrown by {@code action} stops the
     * walk (the rest of the answer is not read) and propagates unchanged.
     */
    @Override
    public void forEach(Consumer<? super Task> action) {
        Objects.requireNonNull(action, "action");
        calls.await(() -> {
            http.forEach(action);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** {@inheritDoc} {@code GET /tasks/count}, its total. */
    @Override
    public long count() {
        return counts().total();
    }

    /** {@inheritDoc} {@code GET /health/ready}: the server answers, and so does its database. */
    @Override
    public void ping() {
        await(http::ping);
    }

    /** The name limit this client checks locally, {@link TodoClientBuilder#maxNameLength}; the server checks its own. */
    @Override
    public int maxNameLength() {
        return maxNameLength;
    }

    /** Releases the HTTP client this client made (none given); idempotent. Calls after close throw {@link StoreException}. */
    @Override
    public void close() {
        calls.close();
    }

    @Override
    public String toString() {
        return "TodoClient[" + transport.base() + "]";
    }

    private <T> T await(Supplier<CompletableFuture<T>> call) {
        return calls.await(call);
    }

    private <T> CompletionStage<T> later(Supplier<CompletableFuture<T>> call) {
        return calls.later(call);
    }

}
