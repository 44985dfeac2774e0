package io.github.todo.http;

import io.github.todo.core.TaskService;
import io.github.todo.http.internal.Dispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The whole HTTP contract of todo: routing, content negotiation, JSON, validation errors and
 * status codes, and around the task endpoints the OpenAPI document ({@code /openapi.json}), its
 * docs page ({@code /docs}), the web app ({@code /app/}), health checks and metrics. Adapters hand
 * each request to {@link #handle(ApiExchange)}, or on an event loop first to
 * {@link #handleOnEventLoop(ApiExchange, Executor)}, and add nothing.
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

    /** What {@link #handleOnEventLoop} did with a request. */
    public enum Outcome {
        /** Answered on the calling thread. */
        ANSWERED,
        /**
         * Handed to the store: the answer is sent by a task run on the executor given, so the
         * adapter must keep the exchange open after its handler returns.
         */
        ANSWERED_LATER,
        /**
         * Nothing done: the request may wait (the list, health, metrics, a file not yet read), so
         * call {@link #handle(ApiExchange)} on a thread that may block.
         */
        NEEDS_BLOCKING_THREAD
    }

    /**
     * Serves a request on an event loop's I/O thread without blocking it, or says that it cannot.
     * Hello, info, liveness, the static pages once read, and every task read and write are served
     * here: a read the store can answer at once ({@link TaskService#findAsync}) is answered before
     * this returns, and a write, or a read that must wait for the disk, is answered later by a task
     * on {@code answerOn}, typically the connection's own event loop. A request with a body must
     * have it in memory already. When a late answer cannot be written the exchange is
     * {@linkplain ApiExchange#abort() aborted}.
     *
     * @throws IOException when the answer sent now could not be written (the client went away)
     */
    public Outcome handleOnEventLoop(ApiExchange exchange, Executor answerOn) throws IOException {
        return dispatcher.handleOnEventLoop(exchange, answerOn);
    }

    /**
     * For an adapter that reads a request's body before handing the request on: answers now, and
     * returns true, when the request is refused whatever its body holds (a missing or wrong
     * token), so that a body nobody may send is never buffered. Otherwise does nothing. Never
     * blocks. The adapter then discards the body, unread.
     *
     * @throws IOException when the answer could not be written (the client went away)
     */
    public boolean refuseBeforeBody(ApiExchange exchange) throws IOException {
        return dispatcher.refuseBeforeBody(exchange, () -> { });
    }

    /**
     * As {@link #refuseBeforeBody(ApiExchange)}, running {@code beforeAnswer} once the request is
     * known to be refused and before the answer is written: where the adapter prepares how the
     * answer goes out (to read the unsent body past after it, say).
     */
    public boolean refuseBeforeBody(ApiExchange exchange, Runnable beforeAnswer) throws IOException {
        return dispatcher.refuseBeforeBody(exchange, beforeAnswer);
    }

    /**
     * Serves one request on the calling thread, waiting for the store where needed. Every failure
     * becomes a problem response; only a failure to talk to the client itself (it went away, or a
     * streamed list broke off half-way) is thrown.
     */
    public void handle(ApiExchange exchange) throws IOException {
        dispatcher.handle(exchange);
    }

    /** Stops what the API runs besides requests (the metrics' JVM listeners); the store stays open. */
    @Override
    public void close() {
        dispatcher.close();
    }
}
