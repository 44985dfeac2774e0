package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.internal.DefaultTaskService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read cache ({@link DefaultTaskService#findInMemory(long)}): written through, never stale for this store's writes, bounded, and off when asked. */
class ReadCacheTest {

    @TempDir
    Path dir;

    @Test
    void writes_of_this_store_are_in_memory_at_once() {
        try (TaskService tasks = TestStores.open(dir)) {
            Task created = tasks.create(TaskDraft.of("hot"));
            assertEquals(Optional.of(created), inMemory(tasks, created.id()));
            Task replaced = tasks.replace(created.id(), new TaskDraft("hotter", true), ExpectedVersion.any());
            assertEquals(Optional.of(replaced), inMemory(tasks, created.id()));
            Task patched = tasks.patch(created.id(), new TaskPatch("hottest", null), ExpectedVersion.any());
            assertEquals(Optional.of(patched), inMemory(tasks, created.id()));
            tasks.delete(created.id(), ExpectedVersion.any());
            assertEquals(Optional.empty(), inMemory(tasks, created.id()));
        }
    }

    @Test
    void a_read_from_the_database_does_not_fill_it() {
        Task created;
        try (TaskService writer = TestStores.open(dir)) {
            created = writer.create(TaskDraft.of("written earlier"));
        }
        try (TaskService tasks = TestStores.open(dir)) {
            assertEquals(Optional.empty(), inMemory(tasks, created.id()), "a new store starts empty");
            assertEquals(Optional.of(created), tasks.find(created.id()));
            assertEquals(Optional.of(created), tasks.findAsync(created.id()).toCompletableFuture().join());
            assertEquals(Optional.empty(), inMemory(tasks, created.id()), "reads never evict, so never add");
            Task changed = tasks.patch(created.id(), new TaskPatch(null, true), ExpectedVersion.any());
            assertEquals(Optional.of(changed), inMemory(tasks, created.id()), "a write does");
        }
    }

    @Test
    void a_change_by_another_store_is_noticed() throws Exception {
        try (TaskService one = TestStores.open(dir); TaskService two = TestStores.open(dir)) {
            Task created = one.create(TaskDraft.of("shared"));
            assertEquals(Optional.of(created), inMemory(one, created.id()));
            Task changed = two.replace(created.id(), new TaskDraft("changed elsewhere", true), ExpectedVersion.any());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Optional<Task> seen = inMemory(one, created.id());
            while (seen.equals(Optional.of(created)) && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // polls the store's own answer; the writer checks every 100 ms
                seen = inMemory(one, created.id());
            }
            assertTrue(seen.isEmpty() || seen.equals(Optional.of(changed)), "stale: " + seen);
            assertEquals(Optional.of(changed), one.find(created.id()));
        }
    }

    @Test
    void it_is_bounded_in_bytes_and_can_be_turned_off() {
        // 64 KiB: a few hundred short names, but only about 15 of 1,000 emoji
        try (TaskService small = TaskService.open(TodoConfig.builder(dir.resolve("small.db")).readCacheBytes(64 * 1024).build())) {
            String emoji = "\uD83D\uDE00".repeat(1000);
            List<Task> created = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                created.add(small.create(TaskDraft.of(emoji)));
            }
            long inMemory = created.stream().filter(t -> inMemory(small, t.id()).isPresent()).count();
            assertTrue(inMemory >= 1 && inMemory <= 16, inMemory + " of 4 KB each in memory");
            Task shortName = small.create(TaskDraft.of("short"));
            assertEquals(Optional.of(shortName), inMemory(small, shortName.id()));
        }
        try (TaskService off = TaskService.open(TodoConfig.builder(dir.resolve("off.db")).readCacheBytes(0).build())) {
            Task created = off.create(TaskDraft.of("not kept"));
            assertEquals(Optional.of(created), off.find(created.id()));
            assertEquals(Optional.empty(), inMemory(off, created.id()));
        }
    }

    /**
     * Readers filling the cache race the writer updating it, on a handful of hot ids. Whatever
     * the interleaving, the cache may lack a task but never hold an old version of it. Readers
     * stop the moment the writers do, so no later read can paper over a stale entry.
     */
    @Test
    void racing_readers_and_writers_never_leave_an_old_version_behind() throws Exception {
        try (TaskService tasks = TestStores.open(dir)) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(tasks.create(TaskDraft.of("hot " + i)).id());
            }
            ExecutorService pool = Executors.newFixedThreadPool(12);
            for (int round = 0; round < 20; round++) {
                AtomicBoolean writing = new AtomicBoolean(true);
                List<Future<?>> writers = new ArrayList<>();
                List<Future<?>> readers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    long id = ids.get(t);
                    int thread = t;
                    int r = round;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            tasks.replace(id, new TaskDraft("v" + r + "-" + thread + "-" + i, i % 2 == 0), ExpectedVersion.any());
                        }
                        return null;
                    }));
                }
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    readers.add(pool.submit(() -> {
                        Random random = new Random(seed);
                        while (writing.get()) {
                            long id = ids.get(random.nextInt(ids.size()));
                            if (random.nextBoolean()) {
                                tasks.find(id);
                            } else {
                                tasks.findAsync(id).toCompletableFuture().join(); // on this thread, mostly
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
                writing.set(false);
                for (Future<?> reader : readers) {
                    reader.get();
                }
                for (long id : ids) {
                    Optional<Task> inMemory = inMemory(tasks, id);
                    assertTrue(inMemory.isEmpty() || inMemory.equals(tasks.find(id)),
                            "round " + round + ": stale cache for " + id + ": " + inMemory + " but the database has " + tasks.find(id));
                }
            }
            pool.shutdown();
        }
    }

    private static Optional<Task> inMemory(TaskService tasks, long id) {
        return ((DefaultTaskService) tasks).findInMemory(id);
    }
}
