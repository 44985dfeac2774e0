package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.todo.core.PostgresSchema;
import io.github.todo.http.ApiContractTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract against the standalone server on PostgreSQL, in a schema of its own; skipped
 * without a server. Plus the one failure PostgreSQL makes easy to cause on purpose: a lock.
 */
@ExtendWith(PostgresSchema.Required.class)
class UndertowPostgresTest extends ApiContractTest {

    private PostgresSchema schema;
    private TodoServer server;

    @Override
    protected URI start(Path dir) {
        schema = PostgresSchema.create();
        // A short lock wait keeps the 503 test quick; nothing else in the contract waits for a lock.
        server = TodoServer.start(ServerSettings.defaults(
                schema.config().busyTimeout(Duration.ofMillis(300)).build()).withPort(0));
        return URI.create(server.url());
    }

    @Override
    protected void stop() {
        // null when start() failed half-way
        if (server != null) {
            server.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void a_table_locked_past_the_busy_timeout_gets_503_and_then_serving_resumes() throws Exception {
        long id = create("locked out", false);
        try (Connection other = schema.connect()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE");
                HttpResponse<String> busy = http.get("/tasks/" + id);
                assertProblem(busy, 503, null);
                assertEquals("cannot read tasks: database is busy", object(busy).get("detail").getAsString());
                assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
            } finally {
                other.rollback();
            }
        }
        assertEquals(task(id, "locked out", false), object(http.get("/tasks/" + id)));
    }
}
