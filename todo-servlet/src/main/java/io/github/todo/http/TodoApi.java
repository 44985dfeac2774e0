package io.github.todo.http;

import io.github.todo.core.StoreException;
import io.github.todo.core.TaskService;
import io.github.todo.http.internal.AccessControl;
import io.github.todo.http.internal.HttpError;
import io.github.todo.http.internal.MeasuredExchange;
import io.github.todo.http.internal.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.github.todo.http.internal.Problems;
import io.github.todo.http.internal.Router;
import io.github.todo.http.internal.TaskHandlers;
import io.github.todo.http.internal.WebHandlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private volatile boolean draining;

    private TodoApi(TaskService tasks, ApiSettings settings, MeterRegistry registry) {
        this.tasks = tasks;
        this.settings = settings;
        this.info = settings.serverName().getBytes(StandardCharsets.US_ASCII);
        this.handlers = new TaskHandlers(tasks, settings.maxBodyBytes());
        this.access = new AccessControl(settings);
        this.live = handlers.health("UP", null);
        this.metrics = registry != null ? new Metrics(tasks, registry, false)
                : settings.metrics() ? new Metrics(tasks, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true) : null;
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
     * {@link PrometheusMeterRegistry}; otherwise the application publishes them its own way. The
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
        draining = true;
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
        Router.Match match = Router.match(exchange.path());
        if (!servedOnEventLoop(exchange.method(), match)) {
            return Outcome.NEEDS_BLOCKING_THREAD;
        }
        return handle(exchange, match, answerOn) ? Outcome.ANSWERED_LATER : Outcome.ANSWERED;
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
        Router.Match match = Router.match(exchange.path());
        if (match == null || access.allows(exchange, match.route())) {
            return false;
        }
        handle(exchange, match, null); // answers 401 before it would read the body
        return true;
    }

    private boolean servedOnEventLoop(String method, Router.Match match) {
        if (match == null) {
            return true; // a 404, answered at once
        }
        boolean get = "GET".equals(method) || "HEAD".equals(method);
        return switch (match.route()) {
            case HELLO, INFO, HEALTH_LIVE -> get;
            case OPENAPI, DOCS, DOCS_FILE, APP, APP_PAGE, APP_FILE -> get && web.isReady(match);
            case TASK -> true;
            case TASKS -> "POST".equals(method); // the list streams from the database; set operations take a while
            default -> false;
        };
    }

    /**
     * Serves one request on the calling thread, waiting for the store where needed. Every failure
     * becomes a problem response; only a failure to talk to the client itself (it went away, or a
     * streamed list broke off half-way) is thrown.
     */
    public void handle(ApiExchange exchange) throws IOException {
        handle(exchange, Router.match(exchange.path()), null);
    }

    /**
     * The one pipeline. A task write's answer is sent when its commit is known: by this thread,
     * which waits for it, when {@code answerOn} is null, else by a task on {@code answerOn}; the
     * same for a read that the store cannot answer at once. True when the answer comes later.
     */
    private boolean handle(ApiExchange exchange, Router.Match match, Executor answerOn) throws IOException {
        boolean wait = answerOn == null;
        // Measured here, once, whatever the container: the route template keeps the series few.
        MeasuredExchange measured = metrics == null ? null : new MeasuredExchange(exchange);
        ApiExchange target = measured == null ? exchange : measured;
        long started = System.nanoTime();
        CompletableFuture<TaskHandlers.Reply> pending = null;
        boolean later = false;
        try {
            CompletionStage<TaskHandlers.Reply> stage = serve(target, match, wait);
            pending = stage == null ? null : stage.toCompletableFuture();
            if (pending != null && (wait || pending.isDone())) {
                // waiting, the handlers call the store's waiting forms: the stage is already complete
                answer(target, pending);
            } else {
                later = pending != null;
            }
        } finally {
            if (!later) {
                record(measured, match, started);
            }
        }
        if (later) {
            pending.whenCompleteAsync((reply, failure) -> {
                try {
                    answer(target, reply, failure);
                } catch (IOException e) {
                    LOG.debug("response aborted: {}", e.getMessage());
                    exchange.abort();
                } catch (RuntimeException | Error e) {
                    // nobody above us would hear of it, and the client would wait for ever
                    LOG.warn("answer failed", e);
                    exchange.abort();
                    if (e instanceof Error error) {
                        throw error;
                    }
                } finally {
                    record(measured, match, started);
                }
            }, answerOn);
        }
        return later;
    }

    /** Sends the answer of a stage already complete. */
    private static void answer(ApiExchange exchange, CompletableFuture<TaskHandlers.Reply> done) throws IOException {
        TaskHandlers.Reply reply = null;
        Throwable failure = null;
        try {
            reply = done.join();
        } catch (CompletionException | CancellationException e) {
            failure = e;
        }
        answer(exchange, reply, failure);
    }

    private void record(MeasuredExchange measured, Router.Match match, long started) {
        if (measured != null && measured.status() != 0) {
            metrics.record(match == null ? null : match.route(), measured.method(), measured.status(), System.nanoTime() - started);
        }
    }

    /** Stops what the API runs besides requests (the metrics' JVM listeners); the store stays open. */
    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    /**
     * Answers now and returns null, or returns the task write (or, when not {@code wait}ing, the
     * database read) whose answer comes later.
     */
    private CompletionStage<TaskHandlers.Reply> serve(ApiExchange exchange, Router.Match match, boolean wait)
            throws IOException {
        exchange.header("X-Content-Type-Options", "nosniff");
        try {
            return route(exchange, match, wait);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            problem(exchange, e);
            return null;
        }
    }

    /** Sends a late answer, or the problem its failure makes. */
    private static void answer(ApiExchange exchange, TaskHandlers.Reply reply, Throwable failure) throws IOException {
        if (failure == null) {
            reply.send(exchange);
        } else {
            problem(exchange, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
        }
    }

    private static void problem(ApiExchange exchange, Throwable failure) throws IOException {
        Problems.Problem problem = Problems.of(failure);
        Problems.headers(failure, problem.status(), exchange::header);
        exchange.respond(problem.status(), Problems.MEDIA_TYPE, problem.body());
    }

    private CompletionStage<TaskHandlers.Reply> route(ApiExchange exchange, Router.Match match, boolean wait)
            throws IOException {
        String coding = exchange.requestHeader("Transfer-Encoding");
        if (coding != null && !coding.trim().equalsIgnoreCase("chunked")) {
            // RFC 9112 6.1: a coding we do not implement is refused (400; a 501 would count as a
            // server fault), not guessed at, whatever the route: a front end that framed the body
            // otherwise would disagree with us where the next request starts. The connection closes.
            exchange.header("Connection", "close");
            throw new HttpError(400, "Transfer-Encoding", "the transfer coding '" + coding + "' is not supported: send the body as is, or chunked");
        }
        access.checkHost(exchange);
        if (match == null) {
            throw new HttpError(404, null, "no such resource: " + exchange.path());
        }
        if (access.cors(exchange, match.route())) {
            return null; // a CORS preflight, answered
        }
        String method = exchange.method();
        if ("OPTIONS".equals(method)) {
            exchange.header("Allow", match.route().allow());
            exchange.respond(204, null, new byte[0]);
            return null;
        }
        if (!match.route().allows(method)) {
            exchange.header("Allow", match.route().allow());
            throw new HttpError(405, null, method + " is not allowed on " + match.route().template());
        }
        access.authorize(exchange, match.route());
        switch (match.route()) {
            case HELLO -> exchange.respond(200, TEXT, HELLO);
            case INFO -> exchange.respond(200, TEXT, info);
            case HEALTH, HEALTH_READY -> health(exchange);
            case HEALTH_LIVE -> exchange.respond(200, JSON, live); // the process answers: nothing else to check
            case TASKS -> {
                switch (method) {
                    case "POST" -> {
                        return handlers.create(exchange, wait);
                    }
                    case "PATCH" -> handlers.markAll(exchange);
                    case "DELETE" -> handlers.deleteAll(exchange);
                    default -> handlers.list(exchange);
                }
            }
            case TASK_COUNTS -> handlers.counts(exchange);
            case TASK -> {
                switch (method) {
                    case "PUT" -> {
                        return handlers.replace(exchange, match.id(), wait);
                    }
                    case "PATCH" -> {
                        return handlers.patch(exchange, match.id(), wait);
                    }
                    case "DELETE" -> {
                        return handlers.delete(exchange, match.id(), wait);
                    }
                    default -> {
                        if (!wait) {
                            return handlers.readLater(match.id());
                        }
                        handlers.read(exchange, match.id());
                    }
                }
            }
            case OPENAPI, DOCS, DOCS_FILE, APP, APP_PAGE, APP_FILE -> web.serve(exchange, match);
            case METRICS -> metrics(exchange);
        }
        return null;
    }

    private void metrics(ApiExchange exchange) throws IOException {
        byte[] scrape = metrics == null || !settings.metrics() ? null : metrics.scrape();
        if (scrape == null) {
            throw new HttpError(404, null, "metrics are off; set metrics=true (todo.metrics, TODO_METRICS) to serve them");
        }
        exchange.respond(200, Metrics.MEDIA_TYPE, scrape);
    }

    private void health(ApiExchange exchange) throws IOException {
        if (draining) {
            exchange.respond(503, JSON, handlers.health("DOWN", "shutting down"));
            return;
        }
        try {
            tasks.ping();
            exchange.respond(200, JSON, live);
        } catch (StoreException e) {
            LOG.warn("health check failed: {}", e.getMessage());
            exchange.respond(503, JSON, handlers.health("DOWN", e.getMessage()));
        }
    }
}
