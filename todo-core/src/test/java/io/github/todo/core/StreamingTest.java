package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingTest {

    static final int ROWS = 200_000;
    static final String NAME = "a task name long enough that holding every row at once would show: ".repeat(2);
    /** All rows held at once would take well over 40 MB (two 130-character strings a row). */
    static final long BOUND = 12L * 1024 * 1024;

    @TempDir
    Path dir;

    /** Where the tasks live; PostgresStreamingTest streams from PostgreSQL instead. */
    TodoConfig.Builder store() {
        return TodoConfig.builder(dir.resolve("todo.db"));
    }

    @Test
    void forEach_over_200k_rows_keeps_heap_use_flat() throws Exception {
        try (TaskService tasks = TaskService.open(store().build())) {
            fill();
            long baseline = usedHeapAfterGc();
            AtomicLong seen = new AtomicLong();
            AtomicLong lastId = new AtomicLong();
            AtomicLong peak = new AtomicLong();
            tasks.forEach(task -> {
                assertTrue(task.id() > lastId.get(), "id order");
                lastId.set(task.id());
                if (seen.incrementAndGet() % 50_000 == 0) {
                    peak.accumulateAndGet(usedHeapAfterGc() - baseline, Math::max);
                }
            });
            assertEquals(ROWS, seen.get());
            assertTrue(peak.get() < BOUND, "heap grew by " + peak.get() / 1024 + " KiB while streaming");
        }
    }

    /** Bulk-loads {@link #ROWS} tasks straight into the table, in one transaction: the test is about reading. */
    void fill() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("todo.db"))) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tasks (name, done) VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    insert.setString(1, NAME + i);
                    insert.setInt(2, i & 1);
                    insert.addBatch();
                    if (i % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
