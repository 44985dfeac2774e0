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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** The task endpoints: parse the request, call the service, write the response. */
final class TaskHandlers {

    private static final String JSON = "application/json";
    private static final byte[] EMPTY = new byte[0];

    private final TaskService tasks;
    private final long maxBodyBytes;

    TaskHandlers(TaskService tasks, long maxBodyBytes) {
        this.tasks = tasks;
        this.maxBodyBytes = maxBodyBytes;
    }

    public CompletionStage<Reply> list(ApiExchange exchange) throws IOException {
        PageRequest page = QueryParams.page(exchange.rawQuery());
        if (page == null) {
            // The whole list, streamed a keyset page at a time: memory stays flat however many tasks
            // there are, and no database connection or read snapshot is held while the client reads:
            // one cursor over the whole table would hold both for as long as the slowest client
            // takes, stalling the pool's other reads and pinning the WAL.
            OutputStream out = exchange.stream(200, JSON);
            JsonCodec.taskArray(out, this::everyTask);
            return Reply.ANSWERED;
        }
        TaskPage result = tasks.list(page);
        if (result.nextAfter().isPresent()) {
            exchange.header("Link", "<" + exchange.basePath() + "/tasks?limit=" + page.limit()
                    + "&after=" + result.nextAfter().getAsLong()
                    + (page.done() == null ? "" : "&done=" + page.done()) + ">; rel=\"next\"");
        }
        OutputStream out = exchange.stream(200, JSON);
        JsonCodec.taskArray(out, each -> result.tasks().forEach(each));
        return Reply.ANSWERED;
    }

    /** {@code GET /tasks/count}: every task, or with {@code ?done=} the done or the open ones only. */
    public CompletionStage<Reply> counts(ApiExchange exchange) throws IOException {
        Boolean only = QueryParams.done(exchange.rawQuery());
        TaskCounts counts = tasks.counts();
        long done = only == null || only ? counts.done() : 0;
        long open = only == null || !only ? counts.open() : 0;
        exchange.respond(200, JSON, JsonCodec.counts(done + open, done, open));
        return Reply.ANSWERED;
    }

    /**
     * {@code PATCH /tasks} with {@code {"done": true}}: "mark all as complete" (or, with false, as
     * open). {@code ?done=} narrows it to the tasks that are done or open now; only the tasks whose
     * flag differs change. A name cannot be set on many tasks at once.
     */
    public CompletionStage<Reply> markAll(ApiExchange exchange) throws IOException {
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
        return Reply.ANSWERED;
    }

    /** {@code DELETE /tasks?done=true}: "clear completed" (or, with false, every open task). */
    public CompletionStage<Reply> deleteAll(ApiExchange exchange) throws IOException {
        Boolean done = QueryParams.done(exchange.rawQuery());
        if (done == null) {
            throw new InvalidTaskException("done", "is required: DELETE /tasks?done=true deletes the tasks that are done;"
                    + " deleting every task at once is not offered");
        }
        exchange.respond(200, JSON, JsonCodec.count("deleted", tasks.deleteAll(done)));
        return Reply.ANSWERED;
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
     * A task's answer, made once the store has done its part (a write committed, a read done). It
     * carries the task's {@code ETag}; a read whose {@code If-None-Match} names it is a 304. The
     * task is encoded on the answering thread: on a store's writer that would be serial work.
     */
    private record TaskReply(int status, String location, Task task, boolean read) implements Reply {

        @Override
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

    private static final Reply NO_CONTENT = Reply.empty(204);

    public CompletionStage<Reply> create(ApiExchange exchange) throws IOException {
        String tasksPath = exchange.basePath() + "/tasks/";
        TaskDraft draft = fields(exchange).draft();
        return tasks.createAsync(draft).thenApply(task -> new TaskReply(201, tasksPath + task.id(), task, false));
    }

    /** Complete at once when the store could answer at once (a cached task, a quick point read). */
    public CompletionStage<Reply> read(ApiExchange exchange, long id) {
        return tasks.findAsync(id).thenApply(found -> new TaskReply(200, null, found.orElseThrow(() -> new TaskNotFoundException(id)), true));
    }

    public CompletionStage<Reply> replace(ApiExchange exchange, long id) throws IOException {
        TaskDraft draft = fields(exchange).draft();
        return IfMatch.write(exchange, tasks, id, expected -> tasks.replaceAsync(id, draft, expected)).thenApply(TaskHandlers::ok);
    }

    public CompletionStage<Reply> patch(ApiExchange exchange, long id) throws IOException {
        TaskPatch patch = fields(exchange).patch();
        return IfMatch.write(exchange, tasks, id, expected -> tasks.patchAsync(id, patch, expected)).thenApply(TaskHandlers::ok);
    }

    public CompletionStage<Reply> delete(ApiExchange exchange, long id) {
        return IfMatch.write(exchange, tasks, id, expected -> tasks.deleteAsync(id, expected)).thenApply(nothing -> NO_CONTENT);
    }

    private static Reply ok(Task task) {
        return new TaskReply(200, null, task, false);
    }

    /** Checks the media type, then reads the body's fields. */
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
        // A declared length over the limit was refused before the body was read (Dispatcher); a
        // body sent without one stops at the limit here, before it is all in memory.
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
