package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskServiceTest {

    @TempDir
    Path dir;

    TaskService tasks;

    /** Where this test's tasks live: each call configures the same, initially empty, database. */
    TodoConfig.Builder store() {
        return TodoConfig.builder(dir.resolve("todo.db"));
    }

    /**
     * Opens a store on {@code config}. A remote store (todo-client) overrides it: it serves the
     * store over HTTP and returns a client of it.
     */
    TaskService openStore(TodoConfig config) {
        return TaskService.open(config);
    }

    /**
     * {@code stored} as {@link TaskService#list} and {@link TaskService#forEach} return it: the same
     * here. A remote store overrides it: the HTTP API's lists carry no versions (a task's version
     * travels in its {@code ETag}), so the client's listed tasks have {@link Task#VERSION_UNKNOWN}.
     */
    Task asListed(Task stored) {
        return stored;
    }

    private List<Task> asListed(List<Task> stored) {
        return stored.stream().map(this::asListed).toList();
    }

    @BeforeEach
    void open() {
        tasks = openStore(store().build());
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void create_assigns_increasing_ids_and_returns_the_stored_task() {
        Task first = tasks.create(new TaskDraft("first", false));
        Task second = tasks.create(new TaskDraft("second", true));
        assertEquals(new Task(first.id(), "first", false), first);
        assertEquals(new Task(second.id(), "second", true), second);
        assertTrue(second.id() > first.id());
        assertEquals(2, tasks.count());
    }

    @Test
    void find_returns_the_task_or_empty() {
        Task created = tasks.create(TaskDraft.of("read me"));
        assertEquals(Optional.of(created), tasks.find(created.id()));
        assertEquals(Optional.empty(), tasks.find(created.id() + 1));
    }

    @Test
    void replace_changes_both_fields() {
        Task created = tasks.create(TaskDraft.of("before"));
        Task replaced = tasks.replace(created.id(), new TaskDraft("after", true), ExpectedVersion.any());
        assertEquals(new Task(created.id(), "after", true, 2), replaced);
        assertEquals(Optional.of(replaced), tasks.find(created.id()));
    }

    @Test
    void replace_of_a_missing_task_is_not_found() {
        TaskNotFoundException e = assertThrows(TaskNotFoundException.class, () -> tasks.replace(42, new TaskDraft("x", true), ExpectedVersion.any()));
        assertEquals(42, e.id());
    }

    @Test
    void patch_changes_only_the_given_fields() {
        Task created = tasks.create(new TaskDraft("name", false));
        assertEquals(new Task(created.id(), "name", true, 2), tasks.patch(created.id(), new TaskPatch(null, true), ExpectedVersion.any()));
        assertEquals(new Task(created.id(), "renamed", true, 3), tasks.patch(created.id(), new TaskPatch("renamed", null), ExpectedVersion.any()));
        // nothing to change: no new version
        assertEquals(new Task(created.id(), "renamed", true, 3), tasks.patch(created.id(), new TaskPatch(null, null), ExpectedVersion.any()));
        assertEquals(Optional.of(new Task(created.id(), "renamed", true, 3)), tasks.find(created.id()));
    }

    @Test
    void a_write_that_sets_what_is_there_keeps_the_version() {
        Task created = tasks.create(new TaskDraft("same", false));
        assertEquals(created, tasks.replace(created.id(), new TaskDraft("same", false), ExpectedVersion.any()));
        assertEquals(created, tasks.patch(created.id(), new TaskPatch("same", false), ExpectedVersion.any()));
        assertEquals(created, tasks.patch(created.id(), new TaskPatch(null, false), ExpectedVersion.of(created.version())));
        // so a client that saved the task unchanged does not make another client's version stale
        assertEquals(new Task(created.id(), "same", true, 2), tasks.replace(created.id(), new TaskDraft("same", true), ExpectedVersion.of(1)));
        assertEquals(new Task(created.id(), "same ", true, 3), tasks.patch(created.id(), new TaskPatch("same ", null), ExpectedVersion.any()));
        assertEquals(Optional.of(new Task(created.id(), "same ", true, 3)), tasks.find(created.id()));
    }

    @Test
    void patch_of_a_missing_task_is_not_found_even_when_empty() {
        assertThrows(TaskNotFoundException.class, () -> tasks.patch(7, new TaskPatch("x", null), ExpectedVersion.any()));
        assertThrows(TaskNotFoundException.class, () -> tasks.patch(7, new TaskPatch(null, null), ExpectedVersion.any()));
    }

    @Test
    void delete_removes_the_task_and_a_second_delete_is_not_found() {
        Task created = tasks.create(TaskDraft.of("doomed"));
        tasks.delete(created.id(), ExpectedVersion.any());
        assertEquals(Optional.empty(), tasks.find(created.id()));
        assertThrows(TaskNotFoundException.class, () -> tasks.delete(created.id(), ExpectedVersion.any()));
        assertEquals(0, tasks.count());
    }

    @Test
    void a_conditional_write_applies_only_at_the_version_expected() {
        Task created = tasks.create(TaskDraft.of("shared"));
        assertEquals(Task.FIRST_VERSION, created.version());
        Task replaced = tasks.replace(created.id(), new TaskDraft("mine", false), ExpectedVersion.of(1));
        assertEquals(new Task(created.id(), "mine", false, 2), replaced);

        // someone who read version 1 is refused, and nothing changes
        TaskConflictException stale = assertThrows(TaskConflictException.class,
                () -> tasks.replace(created.id(), new TaskDraft("theirs", true), ExpectedVersion.of(1)));
        assertEquals(created.id(), stale.id());
        assertEquals(1, stale.expectedVersion());
        assertEquals(2, stale.currentVersion());
        assertThrows(TaskConflictException.class, () -> tasks.patch(created.id(), new TaskPatch(null, true), ExpectedVersion.of(1)));
        assertThrows(TaskConflictException.class, () -> tasks.patch(created.id(), new TaskPatch(null, null), ExpectedVersion.of(1)));
        assertThrows(TaskConflictException.class, () -> tasks.delete(created.id(), ExpectedVersion.of(1)));
        assertEquals(Optional.of(replaced), tasks.find(created.id()));

        assertEquals(new Task(created.id(), "mine", true, 3), tasks.patch(created.id(), new TaskPatch(null, true), ExpectedVersion.of(2)));
        assertEquals(new Task(created.id(), "mine", true, 3), tasks.patch(created.id(), new TaskPatch(null, null), ExpectedVersion.of(3)));
        tasks.delete(created.id(), ExpectedVersion.of(3));
        assertEquals(Optional.empty(), tasks.find(created.id()));
        assertThrows(TaskNotFoundException.class, () -> tasks.delete(created.id(), ExpectedVersion.of(3)));
        assertThrows(TaskNotFoundException.class, () -> tasks.replace(created.id(), new TaskDraft("gone", true), ExpectedVersion.of(3)));
    }

    @Test
    void a_conditional_write_without_waiting_fails_its_stage_on_a_conflict() {
        Task created = tasks.create(TaskDraft.of("async shared"));
        assertEquals(2, join(tasks.replaceAsync(created.id(), new TaskDraft("first", false), ExpectedVersion.of(1))).version());
        CompletionException late = assertThrows(CompletionException.class,
                () -> join(tasks.patchAsync(created.id(), new TaskPatch("second", null), ExpectedVersion.of(1))));
        assertEquals(TaskConflictException.class, late.getCause().getClass());
        assertThrows(CompletionException.class, () -> join(tasks.deleteAsync(created.id(), ExpectedVersion.of(1))));
        assertNull(join(tasks.deleteAsync(created.id(), ExpectedVersion.of(2))));
    }

    @Test
    void an_expected_version_below_one_is_refused() {
        Task created = tasks.create(TaskDraft.of("versioned"));
        InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> tasks.replace(created.id(), TaskDraft.of("x"), ExpectedVersion.of(0)));
        assertEquals("version", e.field());
        assertThrows(InvalidTaskException.class, () -> tasks.delete(created.id(), ExpectedVersion.of(-1)));
    }

    /**
     * Many writers read one task and each tries to change it at the version it read: per version
     * exactly one wins, the others are told of the conflict, and no change is lost or doubled.
     */
    @Test
    void writers_racing_on_one_task_win_exactly_once_per_version() throws Exception {
        Task task = tasks.create(TaskDraft.of("contended"));
        int writers = 16;
        int rounds = 50;
        Map<Long, String> winnerOf = new ConcurrentHashMap<>();
        int conflicts = 0;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier together = new CyclicBarrier(writers);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String name = "round " + round + " writer " + w;
                    outcomes.add(pool.submit(() -> {
                        Task read = tasks.find(task.id()).orElseThrow();
                        together.await(10, TimeUnit.SECONDS);
                        try {
                            Task written = tasks.replace(task.id(), new TaskDraft(name, false), ExpectedVersion.of(read.version()));
                            assertEquals(read.version() + 1, written.version());
                            assertNull(winnerOf.put(read.version(), name), "two writers won version " + read.version());
                            return name;
                        } catch (TaskConflictException lost) {
                            return null;
                        }
                    }));
                }
                int won = 0;
                for (Future<String> outcome : outcomes) {
                    if (outcome.get() != null) {
                        won++;
                    } else {
                        conflicts++;
                    }
                }
                assertEquals(1, won, "round " + round + ": every writer read the same version, so exactly one may win");
            }
        } finally {
            pool.shutdownNow();
        }
        Task last = tasks.find(task.id()).orElseThrow();
        assertEquals(rounds * (writers - 1), conflicts);
        assertEquals(1 + rounds, last.version());
        assertEquals(winnerOf.get(last.version() - 1), last.name(), "the last winner's change is the one kept");
    }

    @Test
    void counts_mark_all_and_delete_all_work_on_the_whole_set() {
        assertEquals(new TaskCounts(0, 0), tasks.counts());
        Task open = tasks.create(new TaskDraft("open", false));
        Task done = tasks.create(new TaskDraft("done", true));
        tasks.create(new TaskDraft("also open", false));
        assertEquals(new TaskCounts(3, 1), tasks.counts());
        assertEquals(2, tasks.counts().open());

        assertEquals(2, tasks.markAll(true), "only the tasks that were open change");
        assertEquals(new TaskCounts(3, 3), tasks.counts());
        assertEquals(2, tasks.find(open.id()).orElseThrow().version());
        assertEquals(1, tasks.find(done.id()).orElseThrow().version(), "a task already done keeps its version");
        assertEquals(0, tasks.markAll(true));

        assertEquals(3, tasks.markAll(false), "all three reopened");
        tasks.patch(done.id(), new TaskPatch(null, true), ExpectedVersion.any());
        assertEquals(1, tasks.deleteAll(true), "clear completed");
        assertEquals(Optional.empty(), tasks.find(done.id()));
        assertEquals(new TaskCounts(2, 0), tasks.counts());
        assertEquals(0, tasks.deleteAll(true));
    }

    @Test
    void set_operations_cover_more_rows_than_one_chunk() {
        List<CompletableFuture<Task>> pending = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            pending.add(tasks.createAsync(new TaskDraft("bulk " + i, i % 2 == 0)).toCompletableFuture());
        }
        pending.forEach(CompletableFuture::join);
        assertEquals(new TaskCounts(2500, 1250), tasks.counts());
        assertEquals(1250, tasks.markAll(true));
        assertEquals(new TaskCounts(2500, 2500), tasks.counts());
        assertEquals(2500, tasks.deleteAll(true));
        assertEquals(new TaskCounts(0, 0), tasks.counts());
    }

    @Test
    void the_writes_that_do_not_wait_complete_with_what_the_waiting_ones_return() {
        Task created = join(tasks.createAsync(new TaskDraft("async", false)));
        assertEquals(Optional.of(created), tasks.find(created.id()));
        assertEquals(new Task(created.id(), "renamed", true, 2), join(tasks.replaceAsync(created.id(), new TaskDraft("renamed", true), ExpectedVersion.any())));
        assertEquals(new Task(created.id(), "renamed", false, 3), join(tasks.patchAsync(created.id(), new TaskPatch(null, false), ExpectedVersion.any())));
        assertEquals(new Task(created.id(), "renamed", false, 3), join(tasks.patchAsync(created.id(), new TaskPatch(null, null), ExpectedVersion.any())));
        assertEquals(Optional.of(new Task(created.id(), "renamed", false, 3)), join(tasks.findAsync(created.id())));
        assertNull(join(tasks.deleteAsync(created.id(), ExpectedVersion.any())));
        assertEquals(Optional.empty(), join(tasks.findAsync(created.id())));
        assertEquals(Optional.empty(), tasks.find(created.id()));
    }

    @Test
    void many_writes_queued_without_waiting_are_all_committed() {
        List<CompletableFuture<Task>> pending = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pending.add(tasks.createAsync(new TaskDraft("queued " + i, i % 2 == 0)).toCompletableFuture());
        }
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < pending.size(); i++) {
            Task task = pending.get(i).join();
            assertEquals("queued " + i, task.name());
            assertEquals(Optional.of(task), tasks.find(task.id()));
            ids.add(task.id());
        }
        assertEquals(1000, ids.size());
        assertEquals(1000, tasks.count());
    }

    @Test
    void a_stage_fails_with_the_error_the_waiting_form_throws_and_bad_input_is_refused_at_once() {
        assertInstanceOf(TaskNotFoundException.class, failure(tasks.replaceAsync(9, new TaskDraft("x", true), ExpectedVersion.any())));
        assertInstanceOf(TaskNotFoundException.class, failure(tasks.patchAsync(9, new TaskPatch("x", null), ExpectedVersion.any())));
        assertInstanceOf(TaskNotFoundException.class, failure(tasks.patchAsync(9, new TaskPatch(null, null), ExpectedVersion.any())));
        assertInstanceOf(TaskNotFoundException.class, failure(tasks.deleteAsync(9, ExpectedVersion.any())));
        assertThrows(InvalidTaskException.class, () -> tasks.createAsync(new TaskDraft(" ", false)));
        assertThrows(InvalidTaskException.class, () -> tasks.replaceAsync(0, new TaskDraft("x", false), ExpectedVersion.any()));
        assertThrows(InvalidTaskException.class, () -> tasks.findAsync(-1));
        assertThrows(InvalidTaskException.class, () -> tasks.deleteAsync(0, ExpectedVersion.any()));
        assertEquals(0, tasks.count());
    }

    @Test
    void after_close_the_stages_fail_with_a_store_exception() {
        tasks.close();
        assertInstanceOf(StoreException.class, failure(tasks.createAsync(new TaskDraft("late", false))));
        assertInstanceOf(StoreException.class, failure(tasks.findAsync(1)));
        assertInstanceOf(StoreException.class, failure(tasks.deleteAsync(1, ExpectedVersion.any())));
    }

    static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** What {@code stage} failed with; fails the test when it succeeded. */
    static Throwable failure(CompletionStage<?> stage) {
        CompletionException e = assertThrows(CompletionException.class, () -> join(stage));
        return e.getCause();
    }

    @Test
    void ids_of_deleted_tasks_are_never_reused() {
        Task first = tasks.create(TaskDraft.of("a"));
        tasks.delete(first.id(), ExpectedVersion.any());
        assertTrue(tasks.create(TaskDraft.of("b")).id() > first.id());
    }

    @Test
    void validation_names_the_field_and_the_reason() {
        assertInvalid("name", "is required", () -> tasks.create(new TaskDraft(null, false)));
        assertInvalid("name", "must not be blank", () -> tasks.create(new TaskDraft("", false)));
        assertInvalid("name", "must not be blank", () -> tasks.create(new TaskDraft(" \t\n", false)));
        assertInvalid("done", "is required", () -> tasks.create(new TaskDraft("x", null)));
        assertInvalid("name", "must be at most 1000 characters", () -> tasks.create(new TaskDraft("x".repeat(1001), false)));
        assertInvalid("name", "must be valid Unicode (it has an unpaired surrogate)", () -> tasks.create(new TaskDraft("a\uD800b", false)));
        assertInvalid("name", "must not contain NUL characters", () -> tasks.create(new TaskDraft("nul \u0000 inside", false)));
        assertInvalid("name", "must not contain NUL characters", () -> tasks.patch(1, new TaskPatch("\u0000", null), ExpectedVersion.any()));
        assertInvalid("done", "is required", () -> tasks.replace(1, new TaskDraft("x", null), ExpectedVersion.any()));
        assertInvalid("name", "must not be blank", () -> tasks.patch(1, new TaskPatch(" ", null), ExpectedVersion.any()));
        assertInvalid("id", "must be a positive integer", () -> tasks.find(0));
        assertInvalid("id", "must be a positive integer", () -> tasks.delete(-1, ExpectedVersion.any()));
        assertInvalid("body", "is required", () -> tasks.create(null));
        assertEquals(0, tasks.count(), "nothing invalid was stored");
    }

    @Test
    void the_name_limit_counts_characters_not_utf16_units() {
        String thousandEmoji = "\uD83D\uDE00".repeat(1000);
        assertEquals(thousandEmoji, tasks.create(new TaskDraft(thousandEmoji, false)).name());
        assertInvalid("name", "must be at most 1000 characters", () -> tasks.create(new TaskDraft(thousandEmoji + "x", false)));
    }

    @Test
    void the_name_limit_is_configurable() {
        try (TaskService small = openStore(store().maxNameLength(3).build())) {
            assertEquals(3, small.maxNameLength());
            small.create(TaskDraft.of("abc"));
            assertInvalid("name", "must be at most 3 characters", () -> small.create(TaskDraft.of("abcd")));
        }
    }

    @Test
    void list_pages_in_id_order_with_a_next_cursor() {
        List<Task> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(tasks.create(new TaskDraft("t" + i, i % 2 == 0)));
        }
        TaskPage first = tasks.list(PageRequest.first(2));
        all = asListed(all);
        assertEquals(all.subList(0, 2), first.tasks());
        assertEquals(OptionalLong.of(all.get(1).id()), first.nextAfter());
        TaskPage second = tasks.list(PageRequest.first(2).next(first.nextAfter().getAsLong()));
        assertEquals(all.subList(2, 4), second.tasks());
        TaskPage last = tasks.list(PageRequest.first(2).next(second.nextAfter().getAsLong()));
        assertEquals(all.subList(4, 5), last.tasks());
        assertFalse(last.nextAfter().isPresent());
        assertEquals(all, tasks.list(PageRequest.first(5)).tasks());
        assertFalse(tasks.list(PageRequest.first(5)).nextAfter().isPresent());
    }

    @Test
    void list_filters_on_done() {
        Task open = tasks.create(new TaskDraft("open", false));
        Task done = tasks.create(new TaskDraft("done", true));
        assertEquals(List.of(asListed(done)), tasks.list(new PageRequest(10, 0, true)).tasks());
        assertEquals(List.of(asListed(open)), tasks.list(new PageRequest(10, 0, false)).tasks());
    }

    @Test
    void page_requests_are_bounded() {
        assertInvalid("limit", "must be between 1 and 1000", () -> PageRequest.first(0));
        assertInvalid("limit", "must be between 1 and 1000", () -> PageRequest.first(1001));
        assertInvalid("after", "must not be negative", () -> new PageRequest(1, -1, null));
    }

    @Test
    void forEach_walks_every_task_in_id_order() {
        List<Task> created = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            created.add(tasks.create(TaskDraft.of("t" + i)));
        }
        List<Task> seen = new ArrayList<>();
        tasks.forEach(seen::add);
        assertEquals(asListed(created), seen);
    }

    @Test
    void an_exception_from_the_forEach_action_propagates_unchanged() {
        tasks.create(TaskDraft.of("one"));
        IllegalStateException thrown = new IllegalStateException("stop");
        assertTrue(thrown == assertThrows(IllegalStateException.class, () -> tasks.forEach(t -> {
            throw thrown;
        })));
        tasks.ping(); // the connection went back to the pool in good order
    }

    @Test
    void calls_after_close_fail_clearly_and_close_is_idempotent() {
        tasks.close();
        tasks.close();
        StoreException e = assertThrows(StoreException.class, () -> tasks.create(TaskDraft.of("late")));
        assertEquals("the store is closed", e.getMessage());
        assertThrows(StoreException.class, () -> tasks.find(1));
    }

    static void assertInvalid(String field, String reason, Runnable call) {
        InvalidTaskException e = assertThrows(InvalidTaskException.class, call::run);
        assertEquals(field, e.field());
        assertEquals(reason, e.reason());
        assertEquals(field + ": " + reason, e.getMessage());
    }
}
