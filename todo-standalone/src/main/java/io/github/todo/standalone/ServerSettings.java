package io.github.todo.standalone;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import io.github.todo.settings.Options;
import io.github.todo.settings.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the standalone server needs; immutable. {@link #from(Settings)} builds one from the
 * settings model, whose {@link Options} hold every default.
 *
 * @param host            the address to bind, default {@code 127.0.0.1}
 * @param port            the port, default 8000; 0 picks a free one
 * @param ioThreads       Undertow I/O threads, default 2 (the article's "2 workers")
 * @param workerThreads   threads for the requests that may block, default 32: the task list and
 *                        the set operations (which wait on the database), {@code /health},
 *                        {@code /metrics}, a file not yet read; a single task's reads and writes
 *                        are answered on the I/O threads
 * @param store           the store configuration
 * @param api             the HTTP settings; the defaults turn metrics on, as the server always does
 * @param accessLog       whether to log one line per request
 * @param idleTimeout     how long an idle keep-alive connection stays open, default 60 s
 * @param requestTimeout  how long a client may take to send a request's headers, or to send more
 *                        of its body, default 30 s
 * @param maxHeaderSize   the largest request header block accepted, default 16 KiB
 * @param shutdownTimeout how long shutdown waits for in-flight requests, default 10 s
 * @param shutdownDelay   how long, on shutdown, {@code /health/ready} answers 503 while every
 *                        request is still served, so load balancers stop sending before the server
 *                        stops accepting; default 0
 * @param tls             HTTPS, or {@link TlsSettings#OFF} (the default) for plain HTTP
 */
public record ServerSettings(
        String host,
        int port,
        int ioThreads,
        int workerThreads,
        TodoConfig store,
        ApiSettings api,
        boolean accessLog,
        Duration idleTimeout,
        Duration requestTimeout,
        int maxHeaderSize,
        Duration shutdownTimeout,
        Duration shutdownDelay,
        TlsSettings tls) {

    /** Checks every value; a mistake throws {@link IllegalArgumentException} naming the setting. */
    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(shutdownDelay, "shutdownDelay");
        Objects.requireNonNull(tls, "tls");
        if (tls.httpPort() != 0 && tls.httpPort() == port) {
            throw new IllegalArgumentException("httpPort cannot be the HTTPS port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (ioThreads < 1 || workerThreads < 1) {
            throw new IllegalArgumentException("ioThreads and workerThreads cannot be less than 1");
        }
        if (maxHeaderSize < 1024) {
            throw new IllegalArgumentException("maxHeaderSize cannot be less than 1024");
        }
    }

    /** Settings over plain HTTP. */
    public ServerSettings(String host, int port, int ioThreads, int workerThreads, TodoConfig store, ApiSettings api,
                          boolean accessLog, Duration idleTimeout, Duration requestTimeout, int maxHeaderSize,
                          Duration shutdownTimeout, Duration shutdownDelay) {
        this(host, port, ioThreads, workerThreads, store, api, accessLog, idleTimeout, requestTimeout, maxHeaderSize,
                shutdownTimeout, shutdownDelay, TlsSettings.OFF);
    }

    /** Settings without a shutdown delay, over plain HTTP. */
    public ServerSettings(String host, int port, int ioThreads, int workerThreads, TodoConfig store, ApiSettings api,
                          boolean accessLog, Duration idleTimeout, Duration requestTimeout, int maxHeaderSize,
                          Duration shutdownTimeout) {
        this(host, port, ioThreads, workerThreads, store, api, accessLog, idleTimeout, requestTimeout, maxHeaderSize,
                shutdownTimeout, Duration.ZERO);
    }

    /** The defaults, with the database in {@code store}: on 127.0.0.1, for its own names only. */
    public static ServerSettings defaults(TodoConfig store) {
        return from(Settings.from(key -> null), store);
    }

    /**
     * The server's settings from {@code settings}; the store is the database they name, else
     * {@code todo.db}. The server always serves {@code /metrics}.
     *
     * @throws IllegalArgumentException naming the setting whose value is wrong
     */
    public static ServerSettings from(Settings settings) {
        return from(settings, settings.store(() -> Path.of("todo.db")).build());
    }

    private static ServerSettings from(Settings settings, TodoConfig store) {
        String host = settings.get(Options.HOST);
        ApiSettings api = settings.api().withMetrics(true);
        if (!settings.isSet(Options.ALLOWED_HOSTS)) {
            api = api.withAllowedHosts(defaultAllowedHosts(host));
        }
        return new ServerSettings(host, settings.get(Options.PORT), settings.get(Options.IO_THREADS),
                settings.get(Options.WORKER_THREADS), store, api, settings.get(Options.ACCESS_LOG),
                settings.get(Options.IDLE_TIMEOUT), settings.get(Options.REQUEST_TIMEOUT),
                (int) Math.min(Integer.MAX_VALUE, settings.get(Options.MAX_HEADER_SIZE)),
                settings.get(Options.SHUTDOWN_TIMEOUT), settings.get(Options.SHUTDOWN_DELAY), TlsSettings.from(settings));
    }

    /**
     * The Host names a server bound to {@code host} answers for unless told otherwise: on a loopback
     * address, that address, {@code localhost}, {@code 127.0.0.1} and {@code ::1}, since only a
     * page of another site that rebinds its name to this address would send any other; bound to
     * anything else, any name (a server others reach is named however they reach it).
     */
    static List<String> defaultAllowedHosts(String host) {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        boolean loopback = name.equals("localhost") || name.equals("::1") || name.equals("[::1]") || name.startsWith("127.");
        if (!loopback) {
            return ApiSettings.ANY_HOST;
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(List.of(name, "localhost", "127.0.0.1", "::1"));
        return List.copyOf(names);
    }

    /** A copy listening on {@code newPort}. */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, ioThreads, workerThreads, store, api, accessLog,
                idleTimeout, requestTimeout, maxHeaderSize, shutdownTimeout, shutdownDelay, tls);
    }

    /** A copy serving HTTPS as {@code newTls} says ({@link TlsSettings#OFF}: plain HTTP). */
    public ServerSettings withTls(TlsSettings newTls) {
        return new ServerSettings(host, port, ioThreads, workerThreads, store, api, accessLog,
                idleTimeout, requestTimeout, maxHeaderSize, shutdownTimeout, shutdownDelay, newTls);
    }
}
