package io.github.todo.client;

import io.github.todo.core.TodoConfig;
import io.github.todo.standalone.ServerSettings;
import io.github.todo.standalone.TodoServer;
import java.net.URI;

/** Real todo servers for the client's tests: on 127.0.0.1, port 0, the store {@code config} names. */
public final class TestServers {

    private TestServers() {
        // Prevent instantiation
    }

    /** A server on {@code config}'s store, with bearer token {@code token} ({@code null}: none). */
    public static TodoServer start(TodoConfig config, String token) {
        ServerSettings defaults = ServerSettings.defaults(config).withPort(0);
        ServerSettings settings = token == null ? defaults : new ServerSettings(defaults.host(), defaults.port(),
                defaults.ioThreads(), defaults.workerThreads(), config, defaults.api().withToken(token),
                defaults.accessLog(), defaults.idleTimeout(), defaults.requestTimeout(), defaults.maxHeaderSize(),
                defaults.shutdownTimeout(), defaults.shutdownDelay());
        return TodoServer.start(settings);
    }

    /** A client of {@code server}, its name limit the server's. */
    public static TodoClientBuilder client(TodoServer server) {
        return TodoClient.builder(URI.create(server.url()))
                .maxNameLength(server.settings().store().maxNameLength());
    }
}
