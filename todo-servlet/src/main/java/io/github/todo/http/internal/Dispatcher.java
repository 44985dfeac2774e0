package io.github.todo.http.internal;

import io.github.todo.core.TaskService;
import io.github.todo.http.ApiExchange;
import io.github.todo.http.ApiRequest;
import io.github.todo.http.ApiSettings;
import io.github.todo.http.TodoApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What {@link TodoApi} does with a request before its body: the route matched once in the
 * {@link Route} table, then the checks every route shares (transfer coding, host, CORS, OPTIONS,
 * allowed methods, the token when the route needs it, a declared body over the limit), each once.
 * What follows, the handler and its answer, is the {@link RoutedRequest}'s.
 */
public final class Dispatcher implements AutoCloseable {

    private final RouteHandlers handlers;
    private final AccessControl access;
    private final RequestMetrics metrics;
    private final long maxBodyBytes;

    /** {@code registry}: the application's, for the meters; {@code null} for one of the API's own when metrics are on. */
    public Dispatcher(TaskService tasks, ApiSettings settings, MeterRegistry registry) {
        this.access = new AccessControl(settings);
        this.maxBodyBytes = settings.maxBodyBytes();
        this.metrics = registry != null ? new Metrics(tasks, registry, false, settings.metrics())
                : settings.metrics() ? new Metrics(tasks, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true, true)
                : RequestMetrics.OFF;
        this.handlers = new RouteHandlers(tasks, settings.serverName(), maxBodyBytes, metrics);
    }

    /** {@link TodoApi#drain}. */
    public void drain() {
        handlers.drain();
    }

    /** {@link TodoApi#begin}. */
    public ApiRequest begin(ApiExchange exchange) {
        // Measured here, once, whatever the container: the route template keeps the series few.
        ApiExchange measured = metrics.measure(exchange);
        long started = System.nanoTime();
        measured.header("X-Content-Type-Options", "nosniff");
        Router.Match match = Router.match(exchange.path());
        RoutedRequest request = new RoutedRequest(this, measured, match, started);
        try {
            check(request, measured, match);
        } catch (RuntimeException e) {
            request.answerWith(Reply.problem(e));
        }
        return request;
    }

    private void check(RoutedRequest request, ApiExchange exchange, Router.Match match) {
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
        Route route = match.route();
        if (access.cors(exchange, route)) {
            request.answerWith(Reply.empty(204)); // a CORS preflight
            return;
        }
        String method = exchange.method();
        if ("OPTIONS".equals(method)) {
            exchange.header("Allow", route.allow());
            request.answerWith(Reply.empty(204));
            return;
        }
        Route.Endpoint endpoint = route.endpoint(method);
        if (endpoint == null) {
            exchange.header("Allow", route.allow());
            throw new HttpProblemException(405, null, method + " is not allowed on " + route.template());
        }
        access.authorize(exchange, route);
        // Over the limit: answered before a byte is read. The adapter reads the rest past after
        // the answer, so a client still sending reads the 413, not a reset.
        if (endpoint.takesBody() && exchange.contentLength() > maxBodyBytes) {
            throw BoundedBody.tooLarge(maxBodyBytes);
        }
        request.routeTo(endpoint);
    }

    RouteHandlers handlers() {
        return handlers;
    }

    RequestMetrics metrics() {
        return metrics;
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Stops what runs besides requests (the metrics' JVM listeners). */
    @Override
    public void close() {
        metrics.close();
    }
}
