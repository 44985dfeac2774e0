package io.github.todo.core;

import io.github.todo.client.TestServers;
import io.github.todo.client.TodoClient;
import io.github.todo.standalone.TodoServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * Every TaskServiceTest test against {@link io.github.todo.client.TodoClient}, talking over HTTP
 * to a real {@link TodoServer} on a temporary SQLite file: the client is a TaskService like the
 * embedded one. Each store the suite opens is a server of its own on that configuration.
 */
class ClientTaskServiceTest extends TaskServiceTest {

    private final List<TodoServer> servers = new CopyOnWriteArrayList<>();

    @Override
    TaskService openStore(TodoConfig config) {
        TodoServer server = TestServers.start(config, null);
        servers.add(server);
        return TestServers.client(server).build();
    }

    /** The API's lists carry no versions: a listed task's is {@link TodoClient#VERSION_UNKNOWN}. */
    @Override
    Task asListed(Task stored) {
        return new Task(stored.id(), stored.name(), stored.done(), TodoClient.VERSION_UNKNOWN);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(TodoServer::close);
    }
}
