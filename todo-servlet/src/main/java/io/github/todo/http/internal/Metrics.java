package io.github.todo.http.internal;

import io.github.todo.core.StoreStats;
import io.github.todo.core.TaskService;
import io.github.todo.http.ApiExchange;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The API's Prometheus metrics, through Micrometer: one timer per route, method and status, the
 * store's writer and read pool, and the JVM. Each {@code TodoApi} with metrics on owns one registry.
 */
final class Metrics implements RequestMetrics {

    /** The Prometheus text exposition format, version 0.0.4. */
    static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    // Micrometer's own name, so dashboards made for Spring Boot and others work unchanged.
    private static final String REQUESTS = "http.server.requests";
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    // Fixed buckets keep the series count small and known: 14 per route, method and status.
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1).dividedBy(2), Duration.ofMillis(1), Duration.ofMillis(5).dividedBy(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final boolean ownRegistry;
    private final boolean served;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(Route route, String method, int status) {
    }

    /** The timer of the status last seen for one route and method; replaced whole, so safe to share. */
    private record Recent(int status, Timer timer) {
    }

    /** By route (or none) and method (or OTHER); a racy cache of {@link #timers}, which is the truth. */
    private final Recent[] recentBySlot = new Recent[(Route.values().length + 1) * (METHODS.size() + 1)];

    /**
     * Meters in {@code registry}, which this closes when it {@code owns} it; {@code GET /metrics}
     * serves them when {@code served} and the registry is Prometheus's.
     */
    Metrics(TaskService tasks, MeterRegistry registry, boolean owns, boolean served) {
        this.registry = registry;
        this.ownRegistry = owns;
        this.served = served;
        if (owns) {
            // No pause-detector threads: in a WAR they would outlive an undeploy and pin its class loader.
            registry.config().pauseDetector(new NoPauseDetector());
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        storeMeters(tasks);
    }

    private void storeMeters(TaskService tasks) {
        FunctionCounter.builder("todo.writer.batches", tasks, t -> t.stats().writeBatches())
                .description("Transactions of the single writer: one per group commit").register(registry);
        FunctionCounter.builder("todo.writer.writes", tasks, t -> t.stats().writes())
                .description("Writes applied by the single writer; writes / batches is the mean group-commit batch size")
                .register(registry);
        gauge("todo.writer.queue.depth", tasks, StoreStats::writeQueueDepth, "Writes waiting for the writer").register(registry);
        if (tasks.stats().poolMax() > 0) {
            // HikariCP's own meter names, so its dashboards work too
            pool("hikaricp.connections.active", tasks, StoreStats::poolActive, "Connections in use");
            pool("hikaricp.connections.idle", tasks, StoreStats::poolIdle, "Connections open and free");
            pool("hikaricp.connections.pending", tasks, StoreStats::poolWaiting, "Threads waiting for a connection");
            pool("hikaricp.connections.max", tasks, StoreStats::poolMax, "The most connections the pool opens");
        }
    }

    private void pool(String name, TaskService tasks, ToDoubleFunction<StoreStats> value, String description) {
        gauge(name, tasks, value, description).tag("pool", "todo").register(registry);
    }

    private static Gauge.Builder<TaskService> gauge(String name, TaskService tasks, ToDoubleFunction<StoreStats> value,
                                                    String description) {
        return Gauge.builder(name, tasks, t -> value.applyAsDouble(t.stats())).description(description);
    }

    @Override
    public ApiExchange measure(ApiExchange exchange) {
        return new MeasuredExchange(exchange);
    }

    @Override
    public void record(ApiExchange measured, Router.Match match, long startedNanos) {
        MeasuredExchange exchange = (MeasuredExchange) measured; // made by measure(), above
        if (exchange.status() != 0) {
            record(match == null ? null : match.route(), exchange.method(), exchange.status(), System.nanoTime() - startedNanos);
        }
    }

    @Override
    public void serve(ApiExchange exchange) throws IOException {
        byte[] scrape = served ? scrape() : null;
        if (scrape == null) {
            throw RequestMetrics.notServed();
        }
        exchange.respond(200, MEDIA_TYPE, scrape);
    }

    /**
     * Counts one request and its latency. {@code route} is {@code null} for a path that matches no
     * route; unknown methods count as {@code OTHER}, so clients cannot mint new series.
     */
    void record(Route route, String method, int status, long nanos) {
        int methodIndex = METHODS.indexOf(method);
        int slot = (route == null ? 0 : route.ordinal() + 1) * (METHODS.size() + 1) + (methodIndex < 0 ? METHODS.size() : methodIndex);
        // Most requests of a route and method end with the status of the one before: no lookup then.
        Recent recent = recentBySlot[slot];
        Timer timer = recent != null && recent.status() == status ? recent.timer() : null;
        if (timer == null) {
            String knownMethod = methodIndex < 0 ? "OTHER" : method;
            timer = timers.computeIfAbsent(new Key(route, knownMethod, status), this::timer);
            recentBySlot[slot] = new Recent(status, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder(REQUESTS)
                .description("HTTP requests by route template, method and status")
                .tag("uri", key.route() == null ? "NOT_FOUND" : key.route().template())
                .tag("method", key.method())
                .tag("status", Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** Every meter, in the Prometheus text format; {@code null} when the registry is not Prometheus's. */
    byte[] scrape() {
        return registry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape().getBytes(StandardCharsets.UTF_8) : null;
    }

    /** Unhooks the GC listeners, which would otherwise keep a web application's class loader alive. */
    @Override
    public void close() {
        gc.close();
        if (ownRegistry) {
            registry.close();
        }
    }
}
