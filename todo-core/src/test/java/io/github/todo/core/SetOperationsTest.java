package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A set operation over a large table is applied a chunk at a time, so a single write sent while it
 * runs is committed long before it ends instead of waiting for the whole table. How long single
 * writes wait meanwhile is measured by a benchmark (docs/PERFORMANCE.md), not here; this test
 * checks the order of events only.
 */
class SetOperationsTest {

    /** Rows for the sweep: about 200 chunks. {@code -Dtodo.setOperations.rows=1000000} for the benchmark's size. */
    private static final int ROWS = Integer.getInteger("todo.setOperations.rows", 200_000);

    @TempDir
    Path dir;

    @Test
    void single_writes_are_not_held_behind_a_set_operation_on_a_large_table() throws Exception {
        TaskService.open(TodoConfig.of(dir.resolve("todo.db"))).close(); // the schema
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("todo.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT " + ROWS + ")"
                    + " INSERT INTO tasks (name, done) SELECT 'task ' || x, 0 FROM n");
        }
        try (TaskService tasks = TaskService.open(TodoConfig.of(dir.resolve("todo.db")))) {
            long started = System.nanoTime();
            CompletableFuture<Long> sweep = CompletableFuture.supplyAsync(() -> tasks.markAll(true));
            while (tasks.counts().done() == 0 && !sweep.isDone()) {
                Thread.onSpinWait(); // until the first chunk is in
            }
            long maxWriteMicros = 0;
            int writes = 0;
            while (!sweep.isDone()) {
                long before = System.nanoTime();
                tasks.create(new TaskDraft("written during the sweep", false));
                maxWriteMicros = Math.max(maxWriteMicros, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - before));
                writes++;
                if (writes == 1) {
                    assertFalse(sweep.isDone(), "the single write waited for the whole sweep");
                }
            }
            long changed = sweep.get();
            System.out.printf("[todo] markAll over %,d rows: %,d ms; %d single writes meanwhile, the slowest %,d µs%n",
                    ROWS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), writes, maxWriteMicros);
            // the tasks created during the sweep may or may not have been reached by it
            TaskCounts counts = tasks.counts();
            assertEquals(ROWS + writes, counts.total());
            assertEquals(ROWS + writes, changed + counts.open(), "every task was marked, or created behind the sweep");
        }
    }
}
