package io.github.todo.http.internal;

import io.github.todo.core.StoreException;
import io.github.todo.core.TaskService;
import io.github.todo.http.ApiExchange;
import io.github.todo.http.ApiSettings;
import io.github.todo.http.TodoApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link TodoApi} does with a request: the route matched once, the checks every route shares
 * (transfer coding, host, CORS, allowed methods, token), then the route's handler; the answer sent
 * now, or once the store's stage completes, on the executor given.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    private final TaskService tasks;
    private final byte[] info;
    private final TaskHandlers handlers;
    private final AccessControl access;
    private final WebHandlers web = new WebHandlers();
    private final byte[] live;
    private final RequestMetrics metrics;
    private volatile boolean draining;

    /** {@code registry}: the application's, for the meters; {@code null} for one of the API's own when metrics are on. */
    public Dispatcher(TaskService tasks, ApiSettings settings, MeterRegistry registry) {
        this.tasks = tasks;
        this.info = settings.serverName().getBytes(StandardCharsets.US_ASCII);
        this.handlers = new TaskHandlers(tasks, settings.maxBodyBytes());
        this.access = new AccessControl(settings);
        this.live = handlers.health("UP", null);
        this.metrics = registry != null ? new Metrics(tasks, registry, false, settings.metrics())
                : settings.metrics() ? new Metrics(tasks, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true, true)
                : RequestMetrics.OFF;
    }

    /** {@link TodoApi#drain}. */
    public void drain() {
        draining = true;
    }

    /** {@link TodoApi#handleOnEventLoop}. */
    public TodoApi.Outcome handleOnEventLoop(ApiExchange exchange, Executor answerOn) throws IOException {
        Router.Match match = Router.match(exchange.path());
        if (!servedOnEventLoop(exchange.method(), match)) {
            return TodoApi.Outcome.NEEDS_BLOCKING_THREAD;
        }
        return handle(exchange, match, answerOn) ? TodoApi.Outcome.ANSWERED_LATER : TodoApi.Outcome.ANSWERED;
    }

    /** {@link TodoApi#refuseBeforeBody}. */
    public boolean refuseBeforeBody(ApiExchange exchange, Runnable beforeAnswer) throws IOException {
        Router.Match match = Router.match(exchange.path());
        if (match == null || access.allows(exchange, match.route())) {
            return false;
        }
        beforeAnswer.run();
        handle(exchange, match, null); // answers 401 before it would read the body
        return true;
    }

    /** {@link TodoApi#handle}. */
    public void handle(ApiExchange exchange) throws IOException {
        handle(exchange, Router.match(exchange.path()), null);
    }

    /** Stops what runs besides requests (the metrics' JVM listeners). */
    @Override
    public void close() {
        metrics.close();
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
     * The one pipeline. A task write's answer is sent when its commit is known: by this thread,
     * which waits for it, when {@code answerOn} is null, else by a task on {@code answerOn}; the
     * same for a read that the store cannot answer at once. True when the answer comes later.
     */
    boolean handle(ApiExchange exchange, Router.Match match, Executor answerOn) throws IOException {
        boolean wait = answerOn == null;
        // Measured here, once, whatever the container: the route template keeps the series few.
        ApiExchange target = metrics.measure(exchange);
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
                metrics.record(target, match, started);
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
                    metrics.record(target, match, started);
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
            throw new HttpProblemException(400, "Transfer-Encoding", "the transfer coding '" + coding + "' is not supported: send the body as is, or chunked");
        }
        access.checkHost(exchange);
        if (match == null) {
            throw new HttpProblemException(404, null, "no such resource: " + exchange.path());
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
            throw new HttpProblemException(405, null, method + " is not allowed on " + match.route().template());
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
            case METRICS -> metrics.serve(exchange);
        }
        return null;
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
