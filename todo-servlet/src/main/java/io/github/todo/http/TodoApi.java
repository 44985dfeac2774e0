package io.github.todo.http;

import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.TaskService;
import io.github.todo.http.internal.AccessControl;
import io.github.todo.http.internal.HttpError;
import io.github.todo.http.internal.MeasuredExchange;
import io.github.todo.http.internal.Metrics;
import io.github.todo.http.internal.Problems;
import io.github.todo.http.internal.Router;
import io.github.todo.http.internal.TaskHandlers;
import io.github.todo.http.internal.WebHandlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole HTTP contract of todo: routing, content negotiation, JSON, validation errors and
 * status codes, and around the task endpoints the OpenAPI document ({@code /openapi.json}), its
 * docs page ({@code /docs}), the web app ({@code /app/}), health checks and metrics. Adapters hand
 * each request to {@link #handle(ApiExchange)} and add nothing.
 *
 * <pre>{@code
 * TodoApi api = TodoApi.create(tasks, ApiSettings.defaults());
 * api.handle(exchange); // from a servlet, an Undertow handler, ...
 * api.close();          // when the server stops
 * }</pre>
 */
public final class TodoApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TodoApi.class);
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    private final TaskService tasks;
    private final ApiSettings settings;
    private final byte[] info;
    private final TaskHandlers handlers;
    private final AccessControl access;
    private final WebHandlers web = new WebHandlers();
    private final byte[] live;
    private final Metrics metrics; // null when off

    private TodoApi(TaskService tasks, ApiSettings settings) {
        this.tasks = tasks;
        this.settings = settings;
        this.info = settings.serverName().getBytes(StandardCharsets.US_ASCII);
        this.handlers = new TaskHandlers(tasks, settings.maxBodyBytes());
        this.access = new AccessControl(settings);
        this.live = handlers.health("UP", null);
        this.metrics = settings.metrics() ? new Metrics(tasks) : null;
    }

    /**
     * The API over {@code tasks}; the caller keeps ownership of the service and closes it, after
     * closing this API.
     */
    public static TodoApi create(TaskService tasks, ApiSettings settings) {
        return new TodoApi(Objects.requireNonNull(tasks, "tasks"), Objects.requireNonNull(settings, "settings"));
    }

    /** The settings this API runs with. */
    public ApiSettings settings() {
        return settings;
    }

    /**
     * Answers the request at once, and returns true, when that needs neither the database nor the
     * request body: hello, info, liveness, the static pages, and a task the store holds in memory
     * ({@link TaskService#findInMemory(long)}). Returns false, having done nothing, when the
     * request must go to a worker thread and {@link #handle(ApiExchange)}. Event-loop servers call
     * this on their I/O thread.
     */
    public boolean handleIfNonBlocking(ApiExchange exchange) throws IOException {
        String method = exchange.method();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        Router.Match match = Router.match(exchange.path());
        if (match == null) {
            return false;
        }
        Task known = null;
        switch (match.route()) {
            case HELLO, INFO, HEALTH_LIVE -> { }
            case OPENAPI, DOCS, DOCS_FILE, APP, APP_PAGE, APP_FILE -> {
                if (!web.isReady(match)) {
                    return false; // not read from the jar yet
                }
            }
            case TASK -> {
                known = inMemory(match);
                if (known == null) {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        handle(exchange, match, known);
        return true;
    }

    private Task inMemory(Router.Match match) {
        try {
            return tasks.findInMemory(match.id()).orElse(null);
        } catch (InvalidTaskException malformed) {
            return null; // the worker answers the 400
        }
    }

    /**
     * Serves one request. Every failure becomes a problem response; only a failure to talk to the
     * client itself (it went away, or a streamed list broke off half-way) is thrown.
     */
    public void handle(ApiExchange exchange) throws IOException {
        handle(exchange, Router.match(exchange.path()), null);
    }

    /** The one pipeline; {@code known} is the task already found in memory, or null. */
    private void handle(ApiExchange exchange, Router.Match match, Task known) throws IOException {
        if (metrics == null) {
            serve(exchange, match, known);
            return;
        }
        // Measured here, once, whatever the container: the route template keeps the series few.
        MeasuredExchange measured = new MeasuredExchange(exchange);
        long started = System.nanoTime();
        try {
            serve(measured, match, known);
        } finally {
            if (measured.status() != 0) {
                metrics.record(match == null ? null : match.route(), exchange.method(), measured.status(), System.nanoTime() - started);
            }
        }
    }

    /** Stops what the API runs besides requests (the metrics' JVM listeners); the store stays open. */
    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private void serve(ApiExchange exchange, Router.Match match, Task known) throws IOException {
        exchange.header("X-Content-Type-Options", "nosniff");
        try {
            route(exchange, match, known);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            Problems.Problem problem = Problems.of(e);
            if (problem.status() == 503) {
                exchange.header("Retry-After", "1");
            }
            exchange.respond(problem.status(), Problems.MEDIA_TYPE, problem.body());
        }
    }

    private void route(ApiExchange exchange, Router.Match match, Task known) throws IOException {
        if (match == null) {
            throw new HttpError(404, null, "no such resource: " + exchange.path());
        }
        if (access.cors(exchange, match.route())) {
            return; // a CORS preflight, answered
        }
        String method = exchange.method();
        if ("OPTIONS".equals(method)) {
            exchange.header("Allow", match.route().allow());
            exchange.respond(204, null, new byte[0]);
            return;
        }
        if (!match.route().allows(method)) {
            exchange.header("Allow", match.route().allow());
            throw new HttpError(405, null, method + " is not allowed on " + match.route().template());
        }
        access.authorize(exchange, match.route());
        boolean get = "GET".equals(method) || "HEAD".equals(method); // containers drop HEAD bodies
        switch (match.route()) {
            case HELLO -> exchange.respond(200, TEXT, HELLO);
            case INFO -> exchange.respond(200, TEXT, info);
            case HEALTH, HEALTH_READY -> health(exchange);
            case HEALTH_LIVE -> exchange.respond(200, JSON, live); // the process answers: nothing else to check
            case TASKS -> {
                if (get) {
                    handlers.list(exchange);
                } else {
                    handlers.create(exchange);
                }
            }
            case TASK -> {
                switch (method) {
                    case "PUT" -> handlers.replace(exchange, match.id());
                    case "PATCH" -> handlers.patch(exchange, match.id());
                    case "DELETE" -> handlers.delete(exchange, match.id());
                    default -> handlers.read(exchange, match.id(), known);
                }
            }
            case OPENAPI, DOCS, DOCS_FILE, APP, APP_PAGE, APP_FILE -> web.serve(exchange, match);
            case METRICS -> metrics(exchange);
        }
    }

    private void metrics(ApiExchange exchange) throws IOException {
        if (metrics == null) {
            throw new HttpError(404, null, "metrics are off; set " + Settings.METRICS + "=true ("
                    + Settings.systemProperty(Settings.METRICS) + ", " + Settings.environmentVariable(Settings.METRICS) + ") to serve them");
        }
        exchange.respond(200, Metrics.MEDIA_TYPE, metrics.scrape());
    }

    private void health(ApiExchange exchange) throws IOException {
        try {
            tasks.ping();
            exchange.respond(200, JSON, live);
        } catch (StoreException e) {
            LOG.warn("health check failed: {}", e.getMessage());
            exchange.respond(503, JSON, handlers.health("DOWN", e.getMessage()));
        }
    }
}
