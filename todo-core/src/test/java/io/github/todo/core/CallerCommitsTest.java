package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asynchronous writes an event loop makes, on a real SQLite file: committed on the caller's
 * thread in {@code synchronous=NORMAL}, handed to the writer thread in {@code FULL}, visible to a
 * read as soon as they are acknowledged, and with SQLite's own checkpoints off on that path, the
 * WAL still folded back often enough to stay bounded.
 */
class CallerCommitsTest {

    /** Far more commits than would fit under the bound without checkpoints (about 12 KiB of WAL each). */
    private static final int WRITES = 20_000;
    private static final long WAL_BOUND_BYTES = 40L << 20;

    @TempDir
    Path dir;

    @Test
    void lone_writes_are_readable_once_acknowledged_and_the_wal_stays_bounded() throws Exception {
        Path file = dir.resolve("normal.db");
        try (TaskService tasks = TaskService.open(TodoConfig.of(file))) {
            long largestWal = 0;
            for (int i = 0; i < WRITES; i++) {
                Task created = tasks.createAsync(TaskDraft.of("task " + i)).toCompletableFuture().join();
                if (i % 1000 == 0) {
                    assertEquals(created, tasks.find(created.id()).orElseThrow(), "a read sees the acknowledged write");
                    largestWal = Math.max(largestWal, Files.size(dir.resolve("normal.db-wal")));
                }
            }
            largestWal = Math.max(largestWal, Files.size(dir.resolve("normal.db-wal")));
            assertEquals(WRITES, tasks.count());
            assertTrue(largestWal < WAL_BOUND_BYTES, "the WAL reached " + largestWal + " bytes");
        }
    }

    @Test
    void in_full_mode_writes_still_commit_and_are_acknowledged_after_their_commit() {
        Path file = dir.resolve("full.db");
        try (TaskService tasks = TaskService.open(TodoConfig.builder(file).synchronous(Synchronous.FULL).build())) {
            List<CompletableFuture<Task>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                writes.add(tasks.createAsync(TaskDraft.of("task " + i)).toCompletableFuture());
            }
            for (CompletableFuture<Task> write : writes) {
                Task created = write.join();
                assertEquals(created, tasks.find(created.id()).orElseThrow());
            }
            assertEquals(200, tasks.count());
        }
    }
}
