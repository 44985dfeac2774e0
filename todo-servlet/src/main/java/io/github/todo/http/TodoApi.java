package io.github.todo.http;

import io.github.todo.core.StoreException;
import io.github.todo.core.TaskService;
import io.github.todo.http.internal.AccessControl;
import io.github.todo.http.internal.HttpError;
import io.github.todo.http.internal.Problems;
import io.github.todo.http.internal.Router;
import io.github.todo.http.internal.TaskHandlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole HTTP contract of todo: routing, content negotiation, JSON, validation errors and
 * status codes. Adapters hand each request to {@link #handle(ApiExchange)} and add nothing.
 *
 * <pre>{@code
 * TodoApi api = TodoApi.create(tasks, ApiSettings.defaults());
 * api.handle(exchange); // from a servlet, an Undertow handler, ...
 * }</pre>
 */
public final class TodoApi {

    private static final Logger LOG = LoggerFactory.getLogger(TodoApi.class);
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final TaskService tasks;
    private final ApiSettings settings;
    private final byte[] info;
    private final TaskHandlers handlers;
    private final AccessControl access;

    private TodoApi(TaskService tasks, ApiSettings settings) {
        this.tasks = tasks;
        this.settings = settings;
        this.info = settings.serverName().getBytes(StandardCharsets.US_ASCII);
        this.handlers = new TaskHandlers(tasks, settings.maxBodyBytes());
        this.access = new AccessControl(settings);
    }

    /** The API over {@code tasks}; the caller keeps ownership of the service and closes it. */
    public static TodoApi create(TaskService tasks, ApiSettings settings) {
        return new TodoApi(Objects.requireNonNull(tasks, "tasks"), Objects.requireNonNull(settings, "settings"));
    }

    /** The settings this API runs with. */
    public ApiSettings settings() {
        return settings;
    }

    /**
     * True when the request can be answered without touching the database or reading a body, so
     * an event-loop container may answer it on its I/O thread.
     */
    public boolean isNonBlocking(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && ("/".equals(path) || "/info".equals(path));
    }

    /**
     * Serves one request. Every failure becomes a problem response; only a failure to talk to the
     * client itself (it went away, or a streamed list broke off half-way) is thrown.
     */
    public void handle(ApiExchange exchange) throws IOException {
        exchange.header("X-Content-Type-Options", "nosniff");
        try {
            route(exchange);
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

    private void route(ApiExchange exchange) throws IOException {
        Router.Match match = Router.match(exchange.path());
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
            case HEALTH -> health(exchange);
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
                    default -> handlers.read(exchange, match.id());
                }
            }
        }
    }

    private void health(ApiExchange exchange) throws IOException {
        try {
            tasks.ping();
            exchange.respond(200, "application/json", handlers.health("UP", null));
        } catch (StoreException e) {
            LOG.warn("health check failed: {}", e.getMessage());
            exchange.respond(503, "application/json", handlers.health("DOWN", e.getMessage()));
        }
    }
}
