package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TaskService#findAsync(long)} on SQLite answers on the caller's thread when it can: the
 * stage is complete when the call returns, and what it holds is the last committed write, never
 * a snapshot a kept statement held on to. The read cache is off, so every read is a database read.
 */
class QuickReadsTest {

    @TempDir
    Path dir;

    private TaskService open() {
        return TaskService.open(TodoConfig.builder(dir.resolve("quick.db")).readCacheBytes(0).build());
    }

    @Test
    void a_read_is_answered_at_once_and_sees_every_commit_before_it() {
        try (TaskService tasks = open()) {
            Task task = tasks.create(TaskDraft.of("v0"));
            for (int i = 1; i <= 300; i++) {
                Task written = tasks.replace(task.id(), new TaskDraft("v" + i, i % 2 == 0), ExpectedVersion.any());
                CompletableFuture<Optional<Task>> read = tasks.findAsync(task.id()).toCompletableFuture();
                assertTrue(read.isDone(), "read " + i + " was handed to another thread");
                assertEquals(Optional.of(written), read.join(), "read " + i);
            }
        }
    }

    @Test
    void a_missing_task_is_empty_at_once_and_a_deleted_one_is_gone() {
        try (TaskService tasks = open()) {
            Task task = tasks.create(TaskDraft.of("short-lived"));
            assertEquals(Optional.of(task), tasks.findAsync(task.id()).toCompletableFuture().join());
            tasks.delete(task.id(), ExpectedVersion.any());
            CompletableFuture<Optional<Task>> read = tasks.findAsync(task.id()).toCompletableFuture();
            assertTrue(read.isDone());
            assertEquals(Optional.empty(), read.join());
            assertEquals(Optional.empty(), tasks.findAsync(task.id() + 1000).toCompletableFuture().join());
        }
    }

    @Test
    void a_closed_store_refuses_at_once() {
        TaskService tasks = open();
        Task task = tasks.create(TaskDraft.of("before close"));
        tasks.close();
        CompletableFuture<Optional<Task>> read = tasks.findAsync(task.id()).toCompletableFuture();
        CompletionException failure = assertThrows(CompletionException.class, read::join);
        assertInstanceOf(StoreException.class, failure.getCause());
    }

    @Test
    void reads_from_many_threads_share_the_few_connections() throws Exception {
        try (TaskService tasks = open()) {
            Task task = tasks.create(TaskDraft.of("shared"));
            Thread[] readers = new Thread[16];
            Throwable[] failures = new Throwable[readers.length];
            for (int t = 0; t < readers.length; t++) {
                int slot = t;
                readers[t] = new Thread(() -> {
                    try {
                        for (int i = 0; i < 500; i++) {
                            // more threads than connections: some reads go to the read threads, all answer
                            assertEquals(Optional.of(task), tasks.findAsync(task.id()).toCompletableFuture().join());
                        }
                    } catch (Throwable e) {
                        failures[slot] = e;
                    }
                });
                readers[t].start();
            }
            for (Thread reader : readers) {
                reader.join();
            }
            for (Throwable failure : failures) {
                if (failure != null) {
                    throw new AssertionError(failure);
                }
            }
        }
    }
}
