package io.github.todo.standalone;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the standalone server needs; immutable. {@link CommandLine} builds one from flags and
 * environment variables.
 *
 * @param host            the address to bind, default {@code 127.0.0.1}
 * @param port            the port, default 8000; 0 picks a free one
 * @param ioThreads       Undertow I/O threads, default 2 (the article's "2 workers")
 * @param workerThreads   threads that run database work, default 32
 * @param store           the store configuration
 * @param api             the HTTP settings; the defaults turn metrics on, as the server always does
 * @param accessLog       whether to log one line per request
 * @param idleTimeout     how long an idle keep-alive connection stays open, default 60 s
 * @param requestTimeout  how long a client may take to send a request's headers, or to send more
 *                        of its body, default 30 s
 * @param maxHeaderSize   the largest request header block accepted, default 16 KiB
 * @param shutdownTimeout how long shutdown waits for in-flight requests, default 10 s
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
        Duration shutdownTimeout) {

    /** Checks every value; a mistake throws {@link IllegalArgumentException} naming the setting. */
    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
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

    /** The defaults, with the database in {@code store}: on 127.0.0.1, for its own names only. */
    public static ServerSettings defaults(TodoConfig store) {
        return new ServerSettings("127.0.0.1", 8000, 2, 32, store,
                ApiSettings.defaults().withMetrics(true).withAllowedHosts(defaultAllowedHosts("127.0.0.1")), false,
                Duration.ofSeconds(60), Duration.ofSeconds(30), 16 * 1024, Duration.ofSeconds(10));
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
                idleTimeout, requestTimeout, maxHeaderSize, shutdownTimeout);
    }
}
