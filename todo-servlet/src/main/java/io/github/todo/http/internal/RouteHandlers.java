package io.github.todo.http.internal;

import io.github.todo.core.StoreException;
import io.github.todo.core.TaskService;
import io.github.todo.http.ApiExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the {@link Route} table's handlers run against: the task endpoints, the files, health and metrics. */
final class RouteHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(RouteHandlers.class);
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";
    private static final byte[] LIVE = JsonCodec.health("UP", null);

    private final TaskService service;
    private final TaskHandlers tasks;
    private final WebHandlers web = new WebHandlers();
    private final RequestMetrics metrics;
    private final byte[] info;
    private volatile boolean draining;

    RouteHandlers(TaskService service, String serverName, long maxBodyBytes, RequestMetrics metrics) {
        this.service = service;
        this.tasks = new TaskHandlers(service, maxBodyBytes);
        this.metrics = metrics;
        this.info = serverName.getBytes(StandardCharsets.US_ASCII);
    }

    TaskHandlers tasks() {
        return tasks;
    }

    /** From now on the health checks answer 503. */
    void drain() {
        draining = true;
    }

    CompletionStage<Reply> hello(ApiExchange exchange) throws IOException {
        exchange.respond(200, TEXT, HELLO);
        return Reply.ANSWERED;
    }

    CompletionStage<Reply> info(ApiExchange exchange) throws IOException {
        exchange.respond(200, TEXT, info);
        return Reply.ANSWERED;
    }

    /** Liveness: the process answers, nothing else to check. */
    CompletionStage<Reply> live(ApiExchange exchange) throws IOException {
        exchange.respond(200, JSON, LIVE);
        return Reply.ANSWERED;
    }

    CompletionStage<Reply> health(ApiExchange exchange) throws IOException {
        if (draining) {
            exchange.respond(503, JSON, JsonCodec.health("DOWN", "shutting down"));
            return Reply.ANSWERED;
        }
        try {
            service.ping();
            exchange.respond(200, JSON, LIVE);
        } catch (StoreException e) {
            LOG.warn("health check failed: {}", e.getMessage());
            exchange.respond(503, JSON, JsonCodec.health("DOWN", e.getMessage()));
        }
        return Reply.ANSWERED;
    }

    CompletionStage<Reply> metrics(ApiExchange exchange) throws IOException {
        metrics.serve(exchange);
        return Reply.ANSWERED;
    }

    CompletionStage<Reply> file(ApiExchange exchange, Router.Match match) throws IOException {
        web.serve(exchange, match);
        return Reply.ANSWERED;
    }

    /** Whether {@link #file} would answer from memory, without blocking. */
    boolean isLoaded(Router.Match match) {
        return web.isReady(match);
    }
}
