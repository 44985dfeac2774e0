package io.github.todo.http;

import io.github.todo.core.TaskService;
import io.github.todo.http.internal.Dispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Objects;

/**
 * The whole HTTP contract of todo: routing, content negotiation, JSON, validation errors and
 * status codes, and around the task endpoints the OpenAPI document ({@code /openapi.json}), its
 * docs page ({@code /docs}), the web app ({@code /app/}), health checks and metrics. Adapters hand
 * each request to {@link #handle(ApiExchange)}, or on an event loop to {@link #begin(ApiExchange)},
 * and add nothing.
 *
 * <pre>{@code
 * TodoApi api = TodoApi.create(tasks, ApiSettings.defaults());
 * api.handle(exchange); // from a servlet, an Undertow handler, ...
 * api.close();          // when the server stops
 * }</pre>
 */
public final class TodoApi implements AutoCloseable {

    private final ApiSettings settings;
    private final Dispatcher dispatcher;

    private TodoApi(TaskService tasks, ApiSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.dispatcher = new Dispatcher(tasks, settings, registry);
    }

    /**
     * The API over {@code tasks}; the caller keeps ownership of the service and closes it, after
     * closing this API.
     */
    public static TodoApi create(TaskService tasks, ApiSettings settings) {
        return new TodoApi(Objects.requireNonNull(tasks, "tasks"), Objects.requireNonNull(settings, "settings"), null);
    }

    /**
     * The API over {@code tasks}, its meters (request timers, the store's writer and pool, the
     * JVM) registered in the application's {@code registry}, whatever {@link ApiSettings#metrics()}
     * says. {@code GET /metrics} serves them when metrics are on and {@code registry} is a
     * {@code PrometheusMeterRegistry}; otherwise the application publishes them its own way. The
     * registry stays the application's: closing the API removes nothing from it but the JVM's GC
     * listener.
     */
    public static TodoApi create(TaskService tasks, ApiSettings settings, MeterRegistry registry) {
        return new TodoApi(Objects.requireNonNull(tasks, "tasks"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(registry, "registry"));
    }

    /**
     * From now on {@code /health} and {@code /health/ready} answer 503, while every other request
     * is served as before: called when shutdown begins, so that load balancers stop sending
     * requests before the server stops accepting them.
     */
    public void drain() {
        dispatcher.drain();
    }

    /** The settings this API runs with. */
    public ApiSettings settings() {
        return settings;
    }

    /**
     * Starts serving a request on an event loop: matches its route and runs the checks that need
     * no body. Never blocks; answers nothing yet. See {@link ApiRequest} for what follows.
     */
    public ApiRequest begin(ApiExchange exchange) {
        return dispatcher.begin(exchange);
    }

    /**
     * Serves one request on the calling thread, reading its body from {@link ApiExchange#body()}
     * and waiting for the store where needed. Every failure becomes a problem response; only a
     * failure to talk to the client itself (it went away, or a streamed list broke off half-way)
     * is thrown.
     */
    public void handle(ApiExchange exchange) throws IOException {
        dispatcher.begin(exchange).serve();
    }

    /** Stops what the API runs besides requests (the metrics' JVM listeners); the store stays open. */
    @Override
    public void close() {
        dispatcher.close();
    }
}
