package io.github.todo.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.InvalidTaskException;
import io.github.todo.core.PageRequest;
import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.TaskConflictException;
import io.github.todo.core.TaskDraft;
import io.github.todo.core.TaskNotFoundException;
import io.github.todo.core.TaskPage;
import io.github.todo.core.TaskPatch;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.standalone.TodoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the client: the mapping of HTTP errors, the Link header, the streamed list. */
class TodoClientTest {

    @TempDir
    Path dir;

    private TodoConfig store() {
        return TodoConfig.of(dir.resolve("todo.db"));
    }

    @Test
    void a_missing_task_is_not_found_with_its_id() {
        try (TodoServer server = TestServers.start(store(), null); TodoClient tasks = TestServers.client(server).build()) {
            assertEquals(424242, assertThrows(TaskNotFoundException.class, () -> tasks.replace(424242, TaskDraft.of("x"), ExpectedVersion.any())).id());
            assertEquals(7, assertThrows(TaskNotFoundException.class, () -> tasks.delete(7, ExpectedVersion.of(3))).id(), "412 without an ETag: no such task");
            assertTrue(tasks.find(7).isEmpty());
        }
    }

    @Test
    void the_servers_400_is_invalid_input_naming_its_field() {
        // the client lets a long name through; the server, at its default limit, refuses it
        try (TodoServer server = TestServers.start(store(), null);
             TodoClient tasks = TestServers.client(server).maxNameLength(5000).build()) {
            InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> tasks.create(TaskDraft.of("x".repeat(1001))));
            assertEquals("name", e.field());
            assertEquals("must be at most 1000 characters", e.reason());
            assertEquals(0, tasks.count());
        }
    }

    @Test
    void bad_input_is_refused_before_anything_is_sent() {
        TodoClient nowhere = TodoClient.builder(URI.create("http://127.0.0.1:9")).build();
        InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> nowhere.createAsync(new TaskDraft(" ", false)));
        assertEquals("name", e.field());
        assertThrows(InvalidTaskException.class, () -> nowhere.patch(0, new TaskPatch("x", null), ExpectedVersion.any()));
        assertThrows(InvalidTaskException.class, () -> nowhere.delete(1, ExpectedVersion.of(0)));
    }

    @Test
    void a_stale_version_is_a_conflict_naming_the_current_one() {
        try (TodoServer server = TestServers.start(store(), null); TodoClient tasks = TestServers.client(server).build()) {
            Task created = tasks.create(TaskDraft.of("shared"));
            assertEquals(2, tasks.patch(created.id(), new TaskPatch(null, true), ExpectedVersion.of(1)).version());
            TaskConflictException e = assertThrows(TaskConflictException.class,
                    () -> tasks.replace(created.id(), TaskDraft.of("stale"), ExpectedVersion.of(1)));
            assertEquals(created.id(), e.id());
            assertEquals(1, e.expectedVersion());
            assertEquals(2, e.currentVersion());
            CompletionException async = assertThrows(CompletionException.class,
                    () -> tasks.deleteAsync(created.id(), ExpectedVersion.of(1)).toCompletableFuture().join());
            assertEquals(2, assertInstanceOf(TaskConflictException.class, async.getCause()).currentVersion());
        }
    }

    @Test
    void a_server_with_a_token_refuses_a_client_without_it() {
        try (TodoServer server = TestServers.start(store(), "s3cret")) {
            try (TodoClient anonymous = TestServers.client(server).build()) {
                UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> anonymous.create(TaskDraft.of("x")));
                assertTrue(e.getMessage().contains("bearer token"), e.getMessage());
            }
            try (TodoClient wrong = TestServers.client(server).token("guess").build()) {
                assertInstanceOf(StoreException.class, assertThrows(UnauthorizedException.class, wrong::count));
            }
            try (TodoClient right = TestServers.client(server).token("s3cret").build()) {
                Task task = right.create(TaskDraft.of("with a token"));
                assertEquals(task, right.find(task.id()).orElseThrow());
                List<Task> all = new ArrayList<>();
                right.forEach(all::add);
                assertEquals(1, all.size());
            }
        }
    }

    @Test
    void no_server_is_a_store_exception_waiting_or_not() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (TodoClient tasks = TodoClient.builder(URI.create("http://127.0.0.1:" + port)).build()) {
            StoreException e = assertThrows(StoreException.class, () -> tasks.find(1));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertThrows(StoreException.class, tasks::ping);
            assertThrows(StoreException.class, () -> tasks.forEach(task -> { }));
            CompletionException async = assertThrows(CompletionException.class,
                    () -> tasks.createAsync(TaskDraft.of("x")).toCompletableFuture().join());
            assertInstanceOf(StoreException.class, async.getCause());
        }
    }

    @Test
    void a_server_that_does_not_answer_in_time_is_a_store_exception() throws IOException {
        // the kernel accepts the connection; nobody reads the request
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TodoClient tasks = TodoClient.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                     .timeout(Duration.ofMillis(300)).build()) {
            StoreException e = assertThrows(StoreException.class, tasks::counts);
            assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
        }
    }

    @Test
    void a_5xx_or_an_answer_that_is_not_the_apis_is_a_store_exception() throws IOException {
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/tasks/count", exchange -> answer(exchange, 503,
                "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"the disk is full\"}"));
        fake.createContext("/tasks/1", exchange -> answer(exchange, 200, "<html>not json</html>"));
        fake.start();
        try (TodoClient tasks = TodoClient.builder(URI.create("http://127.0.0.1:" + fake.getAddress().getPort())).build()) {
            StoreException full = assertThrows(StoreException.class, tasks::count);
            assertTrue(full.getMessage().contains("503") && full.getMessage().contains("the disk is full"), full.getMessage());
            StoreException html = assertThrows(StoreException.class, () -> tasks.find(1));
            assertTrue(html.getMessage().contains("not a task"), html.getMessage());
        } finally {
            fake.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void list_follows_the_link_header_page_by_page() {
        try (TodoServer server = TestServers.start(store(), null); TodoClient tasks = TestServers.client(server).build()) {
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                created.add(tasks.create(new TaskDraft("t" + i, i % 3 == 0)).id());
            }
            List<Long> seen = new ArrayList<>();
            PageRequest request = PageRequest.first(10);
            int pages = 0;
            while (true) {
                TaskPage page = tasks.list(request);
                pages++;
                page.tasks().forEach(task -> seen.add(task.id()));
                page.tasks().forEach(task -> assertEquals(TodoClient.VERSION_UNKNOWN, task.version()));
                if (page.nextAfter().isEmpty()) {
                    break;
                }
                assertEquals(OptionalLong.of(seen.get(seen.size() - 1)), page.nextAfter());
                request = request.next(page.nextAfter().getAsLong());
            }
            assertEquals(3, pages);
            assertEquals(created, seen);

            TaskPage done = tasks.list(new PageRequest(5, 0, true));
            assertEquals(5, done.tasks().size());
            assertTrue(done.tasks().stream().allMatch(Task::done));
            assertEquals(4, tasks.list(new PageRequest(5, done.nextAfter().getAsLong(), true)).tasks().size());
        }
    }

    @Test
    void forEach_streams_ten_thousand_tasks_in_id_order_and_stops_when_told() {
        int count = 10_000;
        try (TaskService seed = TaskService.open(store())) {
            List<CompletableFuture<Task>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(seed.createAsync(new TaskDraft("task " + i, i % 2 == 0)).toCompletableFuture());
            }
            pending.forEach(CompletableFuture::join);
        }
        try (TodoServer server = TestServers.start(store(), null); TodoClient tasks = TestServers.client(server).build()) {
            AtomicLong seen = new AtomicLong();
            AtomicLong last = new AtomicLong();
            tasks.forEach(task -> {
                assertTrue(task.id() > last.get(), "in id order");
                assertEquals("task " + seen.get(), task.name());
                last.set(task.id());
                seen.incrementAndGet();
            });
            assertEquals(count, seen.get());

            RuntimeException stop = new IllegalStateException("enough");
            assertSame(stop, assertThrows(IllegalStateException.class, () -> tasks.forEach(task -> {
                throw stop;
            })));
            tasks.ping();
            assertEquals(count, tasks.count());
        }
    }

    @Test
    void a_store_chosen_by_configuration_behaves_the_same_embedded_or_remote() {
        try (TodoServer server = TestServers.start(TodoConfig.of(dir.resolve("remote.db")), null)) {
            for (String url : new String[] {null, server.url()}) {
                try (TaskService tasks = open(url, dir.resolve("embedded.db"))) {
                    Task task = tasks.create(TaskDraft.of("write the docs"));
                    Task read = tasks.find(task.id()).orElseThrow();
                    assertEquals(task, read);
                    assertEquals(2, tasks.patch(task.id(), new TaskPatch(null, true), ExpectedVersion.of(read.version())).version());
                    assertThrows(TaskConflictException.class, () -> tasks.delete(task.id(), ExpectedVersion.of(read.version())));
                    assertEquals(1, tasks.counts().done());
                    assertEquals(1, tasks.deleteAll(true));
                    assertFalse(tasks.find(task.id()).isPresent());
                }
            }
        }
    }

    /** The README's example: a remote store when a URL is configured, else an embedded one. */
    static TaskService open(String todoUrl, Path dbFile) {
        return todoUrl != null
                ? TodoClient.builder(URI.create(todoUrl)).timeout(Duration.ofSeconds(10)).build()
                : TaskService.open(TodoConfig.of(dbFile));
    }

    @Test
    void the_builder_refuses_what_cannot_work() {
        assertThrows(IllegalArgumentException.class, () -> TodoClient.builder(URI.create("ftp://host/")));
        assertThrows(IllegalArgumentException.class, () -> TodoClient.builder(URI.create("/tasks")));
        assertThrows(IllegalArgumentException.class, () -> TodoClient.builder(URI.create("http://h/?x=1")));
        TodoClientBuilder builder = TodoClient.builder(URI.create("http://127.0.0.1:8000/"));
        assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.token("two words"));
        assertThrows(IllegalArgumentException.class, () -> builder.maxNameLength(0));
        assertEquals("TodoClient[http://127.0.0.1:8000]", builder.build().toString());
    }
}
