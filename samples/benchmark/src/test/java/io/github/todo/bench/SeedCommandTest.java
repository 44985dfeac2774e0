package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCommandTest {

    @TempDir
    Path dir;
    InMemoryTodoServer server;

    @BeforeEach
    void start() throws Exception {
        server = InMemoryTodoServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void seed_writes_both_times_for_every_operation_in_the_articles_format() {
        Path out = dir.resolve("seed.json");

        Runs.Outcome run = Runs.main("seed", "--url", server.url(), "--iterations", "50", "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        JsonObject json = JsonFiles.readObject(out);
        assertEquals(List.of("Hello World", "Create", "Read", "Update", "Delete"), List.copyOf(json.keySet()));
        for (String operation : json.keySet()) {
            JsonObject times = json.getAsJsonObject(operation);
            assertEquals(2, times.size(), operation);
            assertTrue(times.get("single_threaded").getAsDouble() > 0, operation);
            assertTrue(times.get("multi_threaded").getAsDouble() > 0, operation);
        }
        assertTrue(run.out().contains("Server name: " + InMemoryTodoServer.NAME), run.out());
        assertTrue(run.out().contains("Results saved to " + out), run.out());
    }

    @Test
    void seed_cleans_up_like_the_article_leaving_only_the_created_tasks() {
        Runs.Outcome run = Runs.main("seed", "--url", server.url(), "--iterations", "20", "--out", dir.resolve("r.json").toString());

        assertEquals(0, run.status(), run.err());
        // Create runs twice (single, multi) and is never cleaned up; Read/Update clean up; Delete uses its tasks up.
        assertEquals(2 * 20, server.taskCount());
    }

    @Test
    void seed_stops_at_the_first_non_2xx_with_one_line_naming_the_phase() {
        server.failUpdates();

        Runs.Outcome run = Runs.main("seed", "--url", server.url(), "--iterations", "10", "--out", dir.resolve("r.json").toString());

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("todo-benchmark: Update single-threaded: PUT /tasks/"), run.err());
        assertTrue(run.err().contains(" answered 500 "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(dir.resolve("r.json").toFile().exists());
    }

    @Test
    void seed_against_nothing_fails_with_one_line() throws Exception {
        Runs.Outcome run = Runs.main("seed", "--url", "http://127.0.0.1:" + Ports.closed(), "--iterations", "1");

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("todo-benchmark: cannot reach http://127.0.0.1:"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void progress_bar_is_drawn_in_place_on_stderr_when_asked_for() {
        Runs.Outcome run = Runs.main("seed", "--url", server.url(), "--iterations", "300", "--progress",
                "--out", dir.resolve("r.json").toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().contains("\r"), "repainted with carriage returns");
        assertTrue(run.err().contains("] "), "a bar with a count");
        assertFalse(run.out().contains("\r"), "results on stdout stay clean");
    }

    @Test
    void server_names_become_safe_file_names() {
        assertEquals("rust-hyper", JsonFiles.safeName("rust-hyper"));
        assertEquals("todo_0.1_", JsonFiles.safeName("todo 0.1/"));
        assertEquals("server", JsonFiles.safeName(""));
    }
}
