package io.github.todo.standalone;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiContractTest;
import java.net.URI;
import java.nio.file.Path;

/** The contract against the standalone server, started in-process on a free port. */
class UndertowServerTest extends ApiContractTest {

    private TodoServer server;

    @Override
    protected URI start(Path dir) {
        server = TodoServer.start(ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db"))).withPort(0));
        return URI.create(server.url());
    }

    @Override
    protected void stop() {
        server.close();
    }
}
