package io.github.todo.standalone;

import io.github.todo.core.TaskService;
import io.github.todo.http.TodoApi;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.server.handlers.SetHeaderHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Xnio;
import org.xnio.Options;

/**
 * The todo API on Undertow. {@link TodoApi#begin} matches each request's route and runs the checks
 * that need no body; the body, if the route takes one, is read whole on the I/O thread without
 * blocking; then the route table says, once, who answers. Hello, info, liveness, files already
 * read, task reads the store can answer at once and task writes committed at once are answered
 * there and then. A write that waits for another's commit, or a read that must wait for the disk,
 * is answered by a task on the connection's own I/O thread, a committed batch's answers as one task
 * per thread. The rest (the list, health, metrics, files not yet read) runs on a bounded worker
 * pool, so a slow disk never stalls the I/O threads. Metrics are always on: {@code GET /metrics}.
 */
public final class TodoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TodoServer.class);
    /** The logger of {@code --access-log}'s lines, one per request. */
    static final String ACCESS_LOGGER = "todo.access";
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);

    private final ServerSettings settings;
    private final TaskService tasks;
    private final TodoApi api;
    private final GracefulShutdownHandler graceful;
    private final Undertow undertow;
    private final ServerCertificate certificate;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TodoServer(ServerSettings settings, TaskService tasks, ServerCertificate certificate) {
        this.settings = settings;
        this.tasks = tasks;
        this.certificate = certificate;
        this.api = TodoApi.create(tasks, settings.api());
        // One job a handler: the request begun (route, checks), a body nobody reads read past, a
        // body read whole without blocking, then served on this I/O thread or a worker.
        long bodyTimeoutMillis = settings.requestTimeout().toMillis();
        HttpHandler root = new BeginRequest(api, new ReadPastBody(new BufferBody(new ServeRequest(), bodyTimeoutMillis),
                bodyTimeoutMillis));
        // Expect: 100-continue is granted when the body is first read, so a body refused before
        // (401, 413) is never sent by a client that waits for the 100.
        root = new HttpContinueReadHandler(root);
        if (settings.accessLog()) {
            // Apache's common format, then the request id
            root = new AccessLogHandler(new RequestIdHandler(root), ACCESS::info,
                    "%h %l %u %t \"%r\" %s %b id=%{o,X-Request-Id}", TodoServer.class.getClassLoader());
        }
        if (settings.tls().hsts()) {
            root = new SetHeaderHandler(root, "Strict-Transport-Security", "max-age=31536000");
        }
        this.graceful = new GracefulShutdownHandler(root);
        int requestTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis());
        int idleTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis());
        Undertow.Builder builder = Undertow.builder();
        if (certificate != null) {
            HttpsListener.add(builder, settings, certificate, this::port);
        } else {
            builder.addHttpListener(settings.port(), settings.host());
        }
        this.undertow = builder
                .setIoThreads(settings.ioThreads())
                .setWorkerThreads(settings.workerThreads())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, settings.maxHeaderSize())
                // No limit of Undertow's own: past its 2 MiB it cut the connection without an answer,
                // and capped --max-body. BufferBody keeps at most --max-body of a body, and a
                // body answered before its end is read past only until --request-timeout.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, requestTimeoutMillis)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleTimeoutMillis)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, idleTimeoutMillis)
                // a stalled body or a client that stops reading a response is cut off
                .setSocketOption(Options.READ_TIMEOUT, requestTimeoutMillis)
                .setSocketOption(Options.WRITE_TIMEOUT, requestTimeoutMillis)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                // HTTP/1.1 connections persist unless told otherwise: no "Connection: keep-alive" on every answer
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .setHandler(graceful)
                .build();
    }

    /**
     * Opens the store and starts listening.
     *
     * @throws TlsException                      if the certificate or key cannot serve HTTPS (nothing opened)
     * @throws io.github.todo.core.TodoException if the store cannot be opened
     * @throws RuntimeException                  if the port cannot be bound (the store is closed again)
     */
    public static TodoServer start(ServerSettings settings) {
        ServerCertificate certificate = settings.tls().enabled() ? HttpsListener.certificate(settings) : null;
        try {
            return start(settings, certificate);
        } catch (RuntimeException e) {
            if (certificate != null) {
                certificate.close();
            }
            throw e;
        }
    }

    private static TodoServer start(ServerSettings settings, ServerCertificate certificate) {
        Thread warming = new Thread(TodoServer::warmHttpStack, "todo-warm-up");
        warming.setDaemon(true);
        warming.start();
        TaskService tasks = TaskService.open(settings.store());
        try {
            warming.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TodoServer server = null;
        try {
            server = new TodoServer(settings, tasks, certificate);
            server.undertow.start();
            return server;
        } catch (RuntimeException e) {
            if (server != null) {
                server.api.close();
            }
            tasks.close();
            throw e;
        }
    }

    /**
     * Initialises, on a second core while the store opens, the process-wide singletons the HTTP
     * side would otherwise set up one after the other afterwards: XNIO (which registers its MBeans),
     * the platform MBean server and the JVM's management beans (the metrics' JVM meters read them)
     * and Micrometer's Prometheus classes. Nothing here is thrown away: each is the instance used
     * later. Failure is harmless: the same work is then done, and reported, where it is needed.
     */
    private static void warmHttpStack() {
        try {
            Xnio.getInstance(Undertow.class.getClassLoader());
            ManagementFactory.getPlatformMBeanServer();
            ManagementFactory.getGarbageCollectorMXBeans();
            ManagementFactory.getMemoryPoolMXBeans();
            Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", true, TodoServer.class.getClassLoader());
        } catch (RuntimeException | ClassNotFoundException | LinkageError e) {
            LOG.debug("warming up the HTTP stack failed: {}", e.toString());
        }
    }

    /**
     * Loads the certificate files again, as on SIGHUP: true when the new certificate serves new
     * connections from now on; false (and logged) when there is no HTTPS or the new pair is refused.
     */
    public boolean reloadCertificate() {
        return certificate != null && certificate.reload();
    }

    /** The port actually bound: useful when the settings asked for port 0. */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The base URL, for example {@code http://127.0.0.1:8000}. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return (certificate != null ? "https://" : "http://") + host + ":" + port();
    }

    /** The settings the server runs with. */
    public ServerSettings settings() {
        return settings;
    }

    /**
     * Graceful stop: for the shutdown delay, {@code /health/ready} answers 503 while every request
     * is still served; then refuses new requests, waits up to the shutdown timeout for those in
     * flight, stops listening, and closes the store (which commits queued writes and checkpoints
     * the WAL).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!settings.shutdownDelay().isZero()) {
            api.drain();
            LOG.info("shutting down: /health/ready answers 503 for {} ms, then new requests are refused",
                    settings.shutdownDelay().toMillis());
            try {
                Thread.sleep(settings.shutdownDelay().toMillis()); // the delay itself: load balancers poll meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        graceful.shutdown();
        try {
            if (!graceful.awaitShutdown(settings.shutdownTimeout().toMillis())) {
                LOG.warn("requests still running after {}; stopping anyway", settings.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        if (certificate != null) {
            certificate.close();
        }
        api.close();
        tasks.close();
    }
}
