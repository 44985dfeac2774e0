package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoadCommandTest {

    @TempDir
    static Path dir;
    static InMemoryTodoServer server;

    @BeforeAll
    static void start() throws Exception {
        server = InMemoryTodoServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(LoadOp.class)
    void every_op_reports_rate_and_latency_without_errors(LoadOp op) {
        Path out = dir.resolve(op.label() + ".json");

        Runs.Outcome run = Runs.main("load", "--url", server.url(), "--op", op.label(), "--duration", "1",
                "--connections", "4", "--pool", "200", "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        JsonObject json = JsonFiles.readObject(out);
        assertEquals(op.label(), json.get("op").getAsString());
        assertEquals(InMemoryTodoServer.NAME, json.get("server").getAsString());
        assertEquals(4, json.get("connections").getAsInt());
        assertTrue(json.get("requests").getAsLong() > 0, json.toString());
        assertTrue(json.get("duration_s").getAsDouble() > 0, json.toString());
        for (String positive : new String[] {"rps", "p50_ms", "p90_ms", "p99_ms", "p99_9_ms", "max_ms", "mean_ms"}) {
            assertTrue(json.get(positive).getAsDouble() > 0, positive + " in " + json);
        }
        assertTrue(json.get("p50_ms").getAsDouble() <= json.get("p99_9_ms").getAsDouble(), json.toString());
        assertEquals(0, json.get("errors").getAsLong(), json.toString());
        if (op == LoadOp.MIXED) {
            JsonObject mix = json.getAsJsonObject("extra");
            for (String kind : new String[] {"read", "create", "update", "delete"}) {
                assertTrue(mix.has(kind), kind + " in " + mix);
            }
            assertTrue(mix.get("read").getAsLong() > mix.get("create").getAsLong(), mix.toString());
        }
        if (op == LoadOp.DELETE) {
            assertTrue(json.get("delete_pool").getAsLong() >= json.get("requests").getAsLong(), json.toString());
        }
    }

    @Test
    void non_2xx_answers_are_counted_reported_and_fail_the_run() throws Exception {
        try (InMemoryTodoServer failing = InMemoryTodoServer.start()) {
            failing.failUpdates();
            Path out = dir.resolve("failing.json");

            Runs.Outcome run = Runs.main("load", "--url", failing.url(), "--op", "update", "--duration", "0.3",
                    "--connections", "2", "--pool", "10", "--out", out.toString());

            assertEquals(1, run.status());
            JsonObject json = JsonFiles.readObject(out);
            assertEquals(json.get("requests").getAsLong(), json.getAsJsonObject("non2xx_by_status").get("500").getAsLong());
            assertTrue(run.err().contains("todo-benchmark: load update: "), run.err());
        }
    }

    @Test
    void a_request_without_answer_within_the_timeout_is_a_socket_error() throws Exception {
        try (InMemoryTodoServer slow = InMemoryTodoServer.start()) {
            slow.stallReads(1_000);
            Path out = dir.resolve("slow.json");

            Runs.Outcome run = Runs.main("load", "--url", slow.url(), "--op", "read", "--duration", "0.5",
                    "--timeout", "0.2", "--connections", "2", "--pool", "10", "--out", out.toString());

            assertEquals(1, run.status());
            JsonObject json = JsonFiles.readObject(out);
            assertTrue(json.get("socket_errors").getAsLong() >= 2, json.toString());
            assertTrue(run.out().contains("no response within 200 ms"), run.out());
        }
    }

    @Test
    void a_server_that_is_not_there_fails_with_one_line() throws Exception {
        Runs.Outcome run = Runs.main("load", "--url", "http://127.0.0.1:" + Ports.closed(), "--duration", "1");

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("todo-benchmark: cannot reach http://127.0.0.1:"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
