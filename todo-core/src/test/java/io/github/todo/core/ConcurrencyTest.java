package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

    static final int THREADS = 32;
    static final int OPERATIONS = 500;

    @TempDir
    Path dir;

    /** Where the tasks live; PostgresConcurrencyTest runs the same test on PostgreSQL. */
    TodoConfig.Builder store() {
        return TodoConfig.builder(dir.resolve("todo.db"));
    }

    /**
     * Each thread works on its own tasks and keeps a model of them; reads and pages cross threads.
     * The union of the models must equal the table, and no call may fail.
     */
    @Test
    void thirty_two_threads_of_mixed_operations_match_a_model() throws Exception {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Map<Long, Task>> models = new ArrayList<>();
        try (TaskService tasks = TaskService.open(store().build())) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Map<Long, Task> model = new HashMap<>();
                models.add(model);
                int seed = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        runMixed(tasks, model, new Random(seed), seed);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();

            assertTrue(failures.isEmpty(), () -> "failures: " + failures);
            TreeMap<Long, Task> expected = new TreeMap<>();
            models.forEach(expected::putAll);
            List<Task> actual = new ArrayList<>();
            tasks.forEach(actual::add);
            assertEquals(new ArrayList<>(expected.values()), actual);
            assertEquals(expected.size(), tasks.count());
        }
    }

    private static void runMixed(TaskService tasks, Map<Long, Task> model, Random random, int thread) {
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            int dice = random.nextInt(100);
            if (dice < 35 || mine.isEmpty()) {
                Task task = tasks.create(new TaskDraft("t" + thread + "-" + i, random.nextBoolean()));
                model.put(task.id(), task);
                mine.add(task.id());
            } else if (dice < 55) {
                long id = mine.get(random.nextInt(mine.size()));
                assertEquals(model.get(id), tasks.find(id).orElseThrow());
            } else if (dice < 70) {
                long id = mine.get(random.nextInt(mine.size()));
                Task task = tasks.replace(id, new TaskDraft("r" + thread + "-" + i, random.nextBoolean()), ExpectedVersion.any());
                model.put(id, task);
            } else if (dice < 80) {
                long id = mine.get(random.nextInt(mine.size()));
                Task task = tasks.patch(id, new TaskPatch(null, random.nextBoolean()), ExpectedVersion.any());
                model.put(id, task);
            } else if (dice < 90) {
                long id = mine.remove(random.nextInt(mine.size()));
                tasks.delete(id, ExpectedVersion.any());
                model.remove(id);
            } else {
                TaskPage page = tasks.list(PageRequest.first(20));
                assertTrue(page.tasks().size() <= 20);
            }
        }
    }
}
