package io.github.todo.client.internal;

import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.PageRequest;
import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.TaskCounts;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskPage;
import io.github.todo.core.TaskPatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Each store operation as its HTTP request and the reading of its answer. Input is checked by the
 * caller; a failed stage holds the same exception the embedded store would throw.
 */
public final class HttpTasks {

    private static final String JSON = "application/json";

    private final Transport transport;

    public HttpTasks(Transport transport) {
        this.transport = transport;
    }

    public CompletableFuture<Task> create(TaskDraft draft) {
        HttpRequest request = withBody(transport.request("/tasks"), "POST", Json.body(draft.name(), draft.done()));
        return call(request, 0, ExpectedVersion.any(), 201, this::task);
    }

    public CompletableFuture<Optional<Task>> find(long id) {
        HttpRequest request = transport.request("/tasks/" + id).GET().build();
        return transport.send(request).thenApply(response -> response.statusCode() == 404
                ? Optional.empty()
                : Optional.of(task(expect(response, 200, id, ExpectedVersion.any()))));
    }

    public CompletableFuture<Task> replace(long id, TaskDraft draft, ExpectedVersion expected) {
        HttpRequest.Builder request = conditional(transport.request("/tasks/" + id), expected);
        return call(withBody(request, "PUT", Json.body(draft.name(), draft.done())), id, expected, 200, this::task);
    }

    public CompletableFuture<Task> patch(long id, TaskPatch patch, ExpectedVersion expected) {
        HttpRequest.Builder request = conditional(transport.request("/tasks/" + id), expected);
        return call(withBody(request, "PATCH", Json.body(patch.name(), patch.done())), id, expected, 200, this::task);
    }

    public CompletableFuture<Void> delete(long id, ExpectedVersion expected) {
        HttpRequest request = conditional(transport.request("/tasks/" + id), expected).DELETE().build();
        return call(request, id, expected, 204, response -> null);
    }

    public CompletableFuture<TaskCounts> counts() {
        return call(transport.request("/tasks/count").GET().build(), 0, ExpectedVersion.any(), 200,
                response -> Json.counts(response.body()));
    }

    public CompletableFuture<Long> markAll(boolean done) {
        HttpRequest request = withBody(transport.request("/tasks"), "PATCH", Json.body(null, done));
        return call(request, 0, ExpectedVersion.any(), 200, response -> Json.number(response.body(), "changed"));
    }

    public CompletableFuture<Long> deleteAll(boolean done) {
        HttpRequest request = transport.request("/tasks?done=" + done).DELETE().build();
        return call(request, 0, ExpectedVersion.any(), 200, response -> Json.number(response.body(), "deleted"));
    }

    /** One page; the next one is where the answer's {@code Link: <...>; rel="next"} points. */
    public CompletableFuture<TaskPage> list(PageRequest page) {
        String query = "/tasks?limit=" + page.limit()
                + (page.after() > 0 ? "&after=" + page.after() : "")
                + (page.done() == null ? "" : "&done=" + page.done());
        return call(transport.request(query).GET().build(), 0, ExpectedVersion.any(), 200, response -> {
            List<Task> tasks = new ArrayList<>(page.limit());
            Json.tasks(new ByteArrayInputStream(response.body()), tasks::add);
            return new TaskPage(tasks, Links.nextAfter(response));
        });
    }

    /**
     * Streams {@code GET /tasks}, the whole list in one answer, handing each task to {@code action}
     * as it is read. An exception from {@code action} closes the answer and propagates unchanged.
     */
    public void forEach(Consumer<? super Task> action) {
        HttpRequest request = transport.request("/tasks").GET().build();
        HttpResponse<InputStream> response = transport.stream(request);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw Failures.of(response, body.readAllBytes(), 0, ExpectedVersion.any());
            }
            Json.tasks(body, action::accept);
        } catch (IOException e) {
            throw new StoreException("reading the task list from " + request.uri() + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code GET /health/ready}: 200 when the server's store answers. */
    public CompletableFuture<Void> ping() {
        return call(transport.request("/health/ready").GET().build(), 0, ExpectedVersion.any(), 200, response -> null);
    }

    private interface Reading<T> {
        T read(HttpResponse<byte[]> response) throws IOException;
    }

    /** Sends {@code request}; an answer with {@code status} is read, any other is mapped to its exception. */
    private <T> CompletableFuture<T> call(HttpRequest request, long id, ExpectedVersion expected, int status, Reading<T> reading) {
        return transport.send(request).thenApply(response -> {
            expect(response, status, id, expected);
            try {
                return reading.read(response);
            } catch (IOException e) {
                throw new StoreException("the answer to " + request.method() + " " + request.uri()
                        + " is not what the todo API sends: " + e.getMessage(), e);
            }
        });
    }

    private static HttpResponse<byte[]> expect(HttpResponse<byte[]> response, int status, long id, ExpectedVersion expected) {
        if (response.statusCode() != status) {
            throw Failures.of(response, response.body(), id, expected);
        }
        return response;
    }

    private Task task(HttpResponse<byte[]> response) {
        try {
            return Json.task(response.body(), Versions.of(response));
        } catch (IOException e) {
            throw new StoreException("the answer to " + response.request().method() + " " + response.request().uri()
                    + " is not a task: " + e.getMessage(), e);
        }
    }

    private static HttpRequest.Builder conditional(HttpRequest.Builder request, ExpectedVersion expected) {
        return expected.isAny() ? request : request.header("If-Match", Versions.ifMatch(expected.version()));
    }

    private static HttpRequest withBody(HttpRequest.Builder request, String method, String json) {
        return request.header("Content-Type", JSON)
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
    }
}
