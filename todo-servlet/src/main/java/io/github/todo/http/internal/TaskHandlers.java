package io.github.todo.http.internal;

import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.PageRequest;
import io.github.todo.core.Task;
import io.github.todo.core.TaskCounts;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TaskPage;
import io.github.todo.core.TaskPatch;
import io.github.todo.core.TaskService;
import io.github.todo.http.ApiExchange;
import io.github.todo.http.TodoApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The task endpoints: parse the request, call the service, write the response. */
final class TaskHandlers {

    private static final String JSON = "application/json";
    private static final byte[] EMPTY = new byte[0];

    private final TaskService tasks;
    private final long maxBodyBytes;

    public TaskHandlers(TaskService tasks, long maxBodyBytes) {
        this.tasks = tasks;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void list(ApiExchange exchange) throws IOException {
        PageRequest page = QueryParams.page(exchange.rawQuery());
        if (page == null) {
            // The whole list, streamed a keyset page at a time: memory stays flat however many tasks
            // there are, and no database connection or read snapshot is held while the client reads.
            // One cursor over the whole table held both for as long as the slowest client took: eight
            // such clients (the pool) stalled every other read, and the WAL could not be checkpointed
            // past their snapshot.
            OutputStream out = exchange.stream(200, JSON);
            JsonCodec.taskArray(out, this::everyTask);
            return;
        }
        TaskPage result = tasks.list(page);
        if (result.nextAfter().isPresent()) {
            exchange.header("Link", "<" + exchange.basePath() + "/tasks?limit=" + page.limit()
                    + "&after=" + result.nextAfter().getAsLong()
                    + (page.done() == null ? "" : "&done=" + page.done()) + ">; rel=\"next\"");
        }
        OutputStream out = exchange.stream(200, JSON);
        JsonCodec.taskArray(out, each -> result.tasks().forEach(each));
    }

    /** {@code GET /tasks/count}: every task, or with {@code ?done=} the done or the open ones only. */
    public void counts(ApiExchange exchange) throws IOException {
        Boolean only = QueryParams.done(exchange.rawQuery());
        TaskCounts counts = tasks.counts();
        long done = only == null || only ? counts.done() : 0;
        long open = only == null || !only ? counts.open() : 0;
        exchange.respond(200, JSON, JsonCodec.counts(done + open, done, open));
    }

    /**
     * {@code PATCH /tasks} with {@code {"done": true}}: "mark all as complete" (or, with false, as
     * open). {@code ?done=} narrows it to the tasks that are done or open now; only the tasks whose
     * flag differs change. A name cannot be set on many tasks at once.
     */
    public void markAll(ApiExchange exchange) throws IOException {
        Boolean only = QueryParams.done(exchange.rawQuery());
        JsonCodec.Fields fields = fields(exchange);
        if (fields.name() != null) {
            throw new InvalidTaskException("name", "cannot be set on many tasks at once; PATCH /tasks/{id} renames one");
        }
        if (fields.done() == null) {
            throw new InvalidTaskException("done", "is required: PATCH /tasks sets it on every task");
        }
        boolean done = fields.done();
        long changed = only != null && only == done ? 0 : tasks.markAll(done); // the tasks already so stay as they are
        exchange.respond(200, JSON, JsonCodec.count("changed", changed));
    }

    /** {@code DELETE /tasks?done=true}: "clear completed" (or, with false, every open task). */
    public void deleteAll(ApiExchange exchange) throws IOException {
        Boolean done = QueryParams.done(exchange.rawQuery());
        if (done == null) {
            throw new InvalidTaskException("done", "is required: DELETE /tasks?done=true deletes the tasks that are done;"
                    + " deleting every task at once is not offered");
        }
        exchange.respond(200, JSON, JsonCodec.count("deleted", tasks.deleteAll(done)));
    }

    /** Every task in id order, read a page at a time; each page is a short read of its own. */
    private void everyTask(Consumer<Task> each) {
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            TaskPage page = tasks.list(request);
            page.tasks().forEach(each);
            if (page.nextAfter().isEmpty()) {
                return;
            }
            request = request.next(page.nextAfter().getAsLong());
        }
    }

    /**
     * An answer made once the store has done its part (a write committed, a read done):
     * {@link TodoApi} sends it on the thread that waited or on the connection's event loop. A
     * task's answer carries its {@code ETag}; a read whose {@code If-None-Match} names it is a 304.
     */
    public record Reply(int status, String location, Task task, boolean read) {

        /** Encodes the task on the answering thread: on a store's writer that would be serial work. */
        public void send(ApiExchange exchange) throws IOException {
            if (location != null) {
                exchange.header("Location", location);
            }
            if (task == null) {
                exchange.respond(status, null, EMPTY);
                return;
            }
            exchange.header("ETag", EntityTags.of(task));
            String ifNoneMatch = read ? exchange.requestHeader("If-None-Match") : null;
            if (ifNoneMatch != null && EntityTags.noneMatchHits(ifNoneMatch, task)) {
                exchange.respond(304, null, EMPTY);
            } else {
                exchange.respond(status, JSON, JsonCodec.task(task));
            }
        }
    }

    private static final Reply NO_CONTENT = new Reply(204, null, null, false);

    /**
     * Creates the task. When {@code wait}, on this thread with the waiting form (which waits for
     * room in a full write queue), and the stage is already complete; else without blocking.
     */
    public CompletionStage<Reply> create(ApiExchange exchange, boolean wait) throws IOException {
        String tasksPath = exchange.basePath() + "/tasks/";
        TaskDraft draft = fields(exchange).draft();
        return write(wait, () -> tasks.create(draft), () -> tasks.createAsync(draft))
                .thenApply(task -> new Reply(201, tasksPath + task.id(), task, false));
    }

    public void read(ApiExchange exchange, long id) throws IOException {
        Task task = tasks.find(id).orElseThrow(() -> new TaskNotFoundException(id));
        new Reply(200, null, task, true).send(exchange);
    }

    /** Asks the store without waiting: the stage is complete at once when the store could answer at once. */
    public CompletionStage<Reply> readLater(long id) {
        return tasks.findAsync(id).thenApply(found -> new Reply(200, null, found.orElseThrow(() -> new TaskNotFoundException(id)), true));
    }

    public CompletionStage<Reply> replace(ApiExchange exchange, long id, boolean wait) throws IOException {
        TaskDraft draft = fields(exchange).draft();
        return IfMatch.write(exchange, tasks, id, wait,
                at -> at == EntityTags.ANY ? tasks.replace(id, draft) : tasks.replace(id, draft, at),
                at -> at == EntityTags.ANY ? tasks.replaceAsync(id, draft) : tasks.replaceAsync(id, draft, at)).thenApply(TaskHandlers::ok);
    }

    public CompletionStage<Reply> patch(ApiExchange exchange, long id, boolean wait) throws IOException {
        TaskPatch patch = fields(exchange).patch();
        return IfMatch.write(exchange, tasks, id, wait,
                at -> at == EntityTags.ANY ? tasks.patch(id, patch) : tasks.patch(id, patch, at),
                at -> at == EntityTags.ANY ? tasks.patchAsync(id, patch) : tasks.patchAsync(id, patch, at)).thenApply(TaskHandlers::ok);
    }

    public CompletionStage<Reply> delete(ApiExchange exchange, long id, boolean wait) {
        return IfMatch.<Void>write(exchange, tasks, id, wait, at -> {
            if (at == EntityTags.ANY) {
                tasks.delete(id);
            } else {
                tasks.delete(id, at);
            }
            return null;
        }, at -> at == EntityTags.ANY ? tasks.deleteAsync(id) : tasks.deleteAsync(id, at)).thenApply(nothing -> NO_CONTENT);
    }

    /** The waiting form's result as a completed stage (its exceptions thrown here), or the stage. */
    private static <T> CompletionStage<T> write(boolean wait, Supplier<T> waiting, Supplier<CompletionStage<T>> later) {
        return wait ? CompletableFuture.completedFuture(waiting.get()) : later.get();
    }

    private static Reply ok(Task task) {
        return new Reply(200, null, task, false);
    }

    public byte[] health(String status, String detail) {
        return JsonCodec.health(status, detail);
    }

    /** Checks the media type and size, then reads the body's fields. */
    private JsonCodec.Fields fields(ApiExchange exchange) throws IOException {
        String contentType = exchange.requestHeader("Content-Type");
        // Required, not assumed: a web page may send a POST without a preflight only with a
        // form's or text's type, or none, so a JSON type is what keeps other sites' pages out.
        if (contentType == null) {
            throw new HttpProblemException(415, "Content-Type", "the body must be application/json: send Content-Type: application/json");
        }
        if (!isJson(contentType)) {
            throw new HttpProblemException(415, "Content-Type", "the body must be application/json, not " + contentType);
        }
        // Over the limit: answered before a byte is read. The adapter reads the rest past after
        // the answer (ApiExchange#body), so a client still sending reads the 413, not a reset.
        if (exchange.contentLength() > maxBodyBytes) {
            throw BoundedBody.tooLarge(maxBodyBytes);
        }
        try (InputStream body = new BoundedBody(exchange.body(), maxBodyBytes)) {
            return JsonCodec.readFields(body);
        }
    }

    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
