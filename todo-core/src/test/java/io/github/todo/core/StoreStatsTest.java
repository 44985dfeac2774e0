package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreStatsTest {

    @TempDir
    Path dir;

    @Test
    void stats_count_the_writes_and_show_the_read_pool() {
        try (TaskService tasks = TestStores.open(dir)) {
            StoreStats before = tasks.stats();
            assertEquals(0, before.writes());
            assertEquals(4, before.poolMax(), "the library's default pool size");

            Task task = tasks.create(TaskDraft.of("counted"));
            tasks.patch(task.id(), new TaskPatch(null, true), ExpectedVersion.any());
            tasks.delete(task.id(), ExpectedVersion.any());
            StoreStats after = tasks.stats();
            assertEquals(3, after.writes());
            assertTrue(after.writeBatches() >= 1 && after.writeBatches() <= 3, after.toString());
            assertEquals(0, after.writeQueueDepth());
            assertEquals(0, after.poolWaiting());
        }
    }

    @Test
    void a_read_in_progress_shows_as_an_active_connection() {
        try (TaskService tasks = TestStores.open(dir)) {
            tasks.create(TaskDraft.of("one row to stream"));
            AtomicReference<StoreStats> during = new AtomicReference<>();
            tasks.forEach(task -> during.set(tasks.stats()));
            assertEquals(1, during.get().poolActive(), during.get().toString());
            assertEquals(0, tasks.stats().poolActive());
        }
    }
}
