package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.ExpectedVersion;
import io.github.todo.core.PostgresSchema;
import io.github.todo.core.Task;
import io.github.todo.core.TaskImport;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command of the real jar, end to end, on real files, a real server and the local PostgreSQL. */
class CommandsJarTest {

    /** Names that break naive encoders: emoji (with joiners), CJK, combining marks, CSV's own characters. */
    private static final String[] NAMES = {"emoji 🎉👩‍💻 %d", "漢字とかな %d", "cafe\u0301 combining %d",
        "comma, \"quote\" %d", "two\nlines %d", "  spaced %d  "};

    @TempDir
    Path dir;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void backup_copies_a_store_while_a_live_server_writes_to_it() throws Exception {
        Path db = dir.resolve("live.db");
        try (TodoJar.Server server = TodoJar.serve(dir, Map.of(), "--db", db.toString())) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong();
            CountDownLatch writing = new CountDownLatch(200);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread writer = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            if (post(server.base, "{\"name\":\"live\",\"done\":false}").statusCode() == 201) {
                                acknowledged.incrementAndGet();
                                writing.countDown();
                            }
                        } catch (IOException | InterruptedException e) {
                            return;
                        }
                    }
                });
                writer.start();
                writers.add(writer);
            }
            assertTrue(writing.await(60, TimeUnit.SECONDS), "the server is being written to");
            long before = acknowledged.get();
            TodoJar.Result backup = TodoJar.run(dir, "backup", "--db", db.toString(), "--to", "backups/copy.db");
            long after = acknowledged.get();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            assertEquals(0, backup.code(), backup.err());
            assertTrue(backup.out().startsWith("backed up " + db + " to " + dir.resolve("backups/copy.db") + " (integrity check ok)"),
                    backup.out());
            assertTrue(after > before, "writes went on during the backup");
            try (TaskService copy = TaskService.open(TodoConfig.of(dir.resolve("backups/copy.db")))) {
                assertTrue(copy.count() >= before, copy.count() + " < " + before);
            }
            assertEquals(0, server.stop());
        }
        assertEquals(1, TodoJar.run(dir, "backup", "--db", db.toString(), "--to", "backups/copy.db").code(), "never overwrites");
        TodoJar.Result postgres = TodoJar.run(dir, "backup", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "--to", "x.db");
        assertEquals(1, postgres.code());
        assertEquals("todo: backup copies SQLite stores only; back up PostgreSQL with pg_dump", postgres.err().strip());
    }

    @Test
    void export_and_import_round_trip_100000_unicode_tasks_in_every_format() throws Exception {
        Path source = dir.resolve("source.db");
        List<Task> all = new ArrayList<>();
        try (TaskService tasks = TaskService.open(TodoConfig.of(source)); TaskImport load = tasks.beginImport()) {
            for (int i = 1; i <= 100_000; i++) {
                Task task = new Task(i * 2L, String.format(NAMES[i % NAMES.length], i), i % 3 == 0);
                load.add(task);
                all.add(task);
            }
            load.idSequenceAtLeast(250_000);
            load.commit();
        }
        for (String format : new String[] {"ndjson", "json", "csv"}) {
            Path file = dir.resolve("tasks." + format);
            TodoJar.Result export = TodoJar.run(dir, "export", "--db", source.toString(), "--to", file.toString());
            assertEquals(0, export.code(), export.err());
            Path target = dir.resolve("from-" + format + ".db");
            TodoJar.Result imported = TodoJar.run(dir, "import", file.toString(), "--db", target.toString());
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.out().startsWith("imported 100000 tasks from " + file), imported.out());
            try (TaskService tasks = TaskService.open(TodoConfig.of(target))) {
                assertEquals(all, list(tasks), format);
                assertEquals(200_000, tasks.idSequence(), "the sequence moves past the highest id imported");
            }
        }
        TodoJar.Result stdout = TodoJar.run(dir, "export", "--db", source.toString(), "--format", "NDJSON");
        assertEquals(Files.readString(dir.resolve("tasks.ndjson")), stdout.out());
        assertTrue(stdout.out().startsWith("{\"id\":2,\"name\":\"漢字とかな 1\",\"done\":false}\n"), stdout.out().substring(0, 80));
    }

    @Test
    void bad_input_to_import_names_the_line_and_imports_nothing() throws Exception {
        Path db = dir.resolve("target.db");
        Files.writeString(dir.resolve("bad.ndjson"), """
                {"id":1,"name":"fine","done":false}
                {"id":2,"name":"fine too","done":true}

                {"id":3,"name":"  ","done":false}
                """);
        TodoJar.Result blank = TodoJar.run(dir, "import", "bad.ndjson", "--db", db.toString());
        assertEquals(1, blank.code());
        assertEquals("todo: bad.ndjson line 4: name: must not be blank", blank.err().strip());
        Files.writeString(dir.resolve("broken.json"), "[\n{\"id\":1,\"name\":\"a\",\"done\":false},\n{\"id\":2,\"name\":\"b\",\"done\":\"no\"}\n]\n");
        assertEquals("todo: broken.json line 3: done: true or false is required",
                TodoJar.run(dir, "import", "broken.json", "--db", db.toString()).err().strip());
        Files.writeString(dir.resolve("dup.csv"), "id,name,done\n1,a,false\n2,\"b\nc\",true\n1,again,false\n");
        TodoJar.Result duplicate = TodoJar.run(dir, "import", "dup.csv", "--db", db.toString());
        assertTrue(duplicate.err().startsWith("todo: dup.csv line 5: cannot import task 1"), duplicate.err());
        try (TaskService tasks = TaskService.open(TodoConfig.of(db))) {
            assertEquals(0, tasks.count(), "nothing half-imported");
        }
    }

    @Test
    void copy_moves_a_store_into_postgresql_and_back_with_its_ids_and_sequence() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            Path sqlite = dir.resolve("from.db");
            List<Task> all = new ArrayList<>();
            try (TaskService tasks = TaskService.open(TodoConfig.of(sqlite))) {
                for (int i = 0; i < 1000; i++) {
                    all.add(tasks.create(new io.github.todo.core.TaskDraft(String.format(NAMES[i % NAMES.length], i), i % 2 == 0)));
                }
                tasks.delete(1000, ExpectedVersion.any()); // the sequence stays at 1000
                all.remove(all.size() - 1);
            }
            TodoJar.Result there = TodoJar.run(dir, "copy", "--from", sqlite.toString(), "--to", schema.jdbcUrl());
            assertEquals(0, there.code(), there.err());
            assertTrue(there.out().startsWith("copied 999 tasks from " + sqlite), there.out());
            try (TaskService postgres = TaskService.open(schema.config().build())) {
                assertEquals(all, list(postgres));
                assertEquals(1001, postgres.create(io.github.todo.core.TaskDraft.of("next")).id());
                all.add(new Task(1001, "next", false));
            }
            Path back = dir.resolve("back.db");
            TodoJar.Result home = TodoJar.run(dir, "copy", "--from", schema.jdbcUrl(), "--to", back.toString());
            assertEquals(0, home.code(), home.err());
            try (TaskService tasks = TaskService.open(TodoConfig.of(back))) {
                assertEquals(all, list(tasks));
                assertEquals(1002, tasks.create(io.github.todo.core.TaskDraft.of("after")).id());
            }
            TodoJar.Result again = TodoJar.run(dir, "copy", "--from", sqlite.toString(), "--to", back.toString());
            assertEquals(1, again.code());
            assertTrue(again.err().contains("already has 1001 tasks: copy into an empty store"), again.err());
        }
    }

    @Test
    void migrate_and_schema_version_say_what_they_do() throws Exception {
        Path db = dir.resolve("new.db");
        // the schema's version grows with each migration (2 since #16): the test follows the library's
        int current = TaskService.currentSchemaVersion();
        assertEquals("0 (current: " + current + ")\n", TodoJar.run(dir, "schema-version", "--db", db.toString()).out());
        TodoJar.Result dry = TodoJar.run(dir, "migrate", "--dry-run", "--db", db.toString());
        assertEquals(db + " is at schema version 0; migrate would apply " + current + " step(s) to reach " + current
                + " (dry run: nothing changed)\n", dry.out());
        assertFalse(Files.exists(db));
        assertEquals("migrated " + db + " from schema version 0 to " + current + "\n", TodoJar.run(dir, "migrate", "--db", db.toString()).out());
        assertEquals(db + " is up to date (schema version " + current + ")\n", TodoJar.run(dir, "migrate", "--db", db.toString()).out());
        assertEquals(current + " (current: " + current + ")\n", TodoJar.run(dir, Map.of("TODO_DB", db.toString()), "schema-version").out());
    }

    @Test
    void settings_come_from_the_flag_then_the_environment_then_the_config_file() throws Exception {
        Path config = Files.writeString(dir.resolve("todo.properties"), "name=from-file\ndb=" + dir.resolve("c.db") + "\n");
        Map<String, String> env = Map.of("TODO_CONFIG", config.toString(), "TODO_NAME", "from-env");
        try (TodoJar.Server file = TodoJar.serve(dir, Map.of(), "--config", config.toString());
             TodoJar.Server variable = TodoJar.serve(dir, env, "--db", dir.resolve("v.db").toString());
             TodoJar.Server flag = TodoJar.serve(dir, env, "--name", "from-flag", "--db", dir.resolve("f.db").toString())) {
            assertEquals("from-file", get(file.base, "/info").body());
            assertEquals("from-env", get(variable.base, "/info").body());
            assertEquals("from-flag", get(flag.base, "/info").body());
            assertTrue(Files.exists(dir.resolve("c.db")), "the file named the database");
        }
        Files.writeString(config, "prot=9000\n");
        TodoJar.Result typo = TodoJar.run(dir, "--config", config.toString());
        assertEquals(2, typo.code());
        assertTrue(typo.err().startsWith("todo: config: " + config + " sets 'prot', which is no setting"), typo.err());
    }

    @Test
    void during_the_shutdown_delay_readiness_fails_while_requests_are_still_served() throws Exception {
        try (TodoJar.Server server = TodoJar.serve(dir, Map.of(), "--db", dir.resolve("d.db").toString(), "--shutdown-delay", "5s")) {
            assertEquals(200, get(server.base, "/health/ready").statusCode());
            long signalled = System.nanoTime();
            server.process.destroy(); // SIGTERM
            HttpResponse<String> ready = get(server.base, "/health/ready");
            while (ready.statusCode() == 200 && System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(5)) {
                ready = get(server.base, "/health/ready"); // until the signal has been handled
            }
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("shutting down"), ready.body());
            assertEquals(201, post(server.base, "{\"name\":\"still served\",\"done\":false}").statusCode());
            assertEquals("Hello, world!", get(server.base, "/").body());
            assertTrue(server.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, server.process.exitValue());
            assertTrue(System.nanoTime() - signalled >= TimeUnit.SECONDS.toNanos(5), "the delay was kept");
        }
    }

    @Test
    void the_access_log_carries_the_request_id_given_or_a_new_one_echoed_back() throws Exception {
        try (TodoJar.Server server = TodoJar.serve(dir, Map.of(), "--db", dir.resolve("a.db").toString(), "--access-log")) {
            HttpResponse<String> given = client.send(HttpRequest.newBuilder(server.base.resolve("/info"))
                    .header("X-Request-Id", "abc-123").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("abc-123", given.headers().firstValue("X-Request-Id").orElse(null));
            HttpResponse<String> forged = client.send(HttpRequest.newBuilder(server.base.resolve("/info"))
                    .header("X-Request-Id", "bad id\" 200").build(), HttpResponse.BodyHandlers.ofString());
            String made = forged.headers().firstValue("X-Request-Id").orElse("");
            assertTrue(made.matches("[0-9a-f]{16}"), made);
            assertEquals(0, server.stop());
            String log = server.log();
            assertTrue(log.contains("\"GET /info HTTP/1.1\" 200 4 id=abc-123"), log);
            assertTrue(log.contains("id=" + made), log);
        }
    }

    @Test
    void completion_help_and_version_work_for_every_command() throws Exception {
        TodoJar.Result completion = TodoJar.run(dir, "completion");
        assertEquals(0, completion.code());
        assertTrue(completion.out().contains("complete -F _complete_todo") && completion.out().contains("backup"), completion.out());
        for (String command : new String[] {"serve", "backup", "export", "import", "copy", "migrate", "schema-version"}) {
            TodoJar.Result help = TodoJar.run(dir, command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().startsWith("Usage: todo " + command), help.out());
        }
        assertTrue(TodoJar.run(dir, "--version").out().matches("todo \\S+\\n"));
    }

    @Test
    void the_build_renders_a_man_page_for_every_command() throws Exception {
        Path man1 = StandaloneJarTest.JAR.resolveSibling("man/man1");
        String version = TodoJar.run(dir, "--version").out().strip(); // "todo 0.3.0"
        for (String page : new String[] {"todo", "todo-serve", "todo-backup", "todo-export", "todo-import", "todo-copy",
            "todo-migrate", "todo-schema-version", "todo-completion"}) {
            String troff = Files.readString(man1.resolve(page + ".1"));
            String title = page.toUpperCase(Locale.ROOT).replace("-", "\\-"); // troff escapes the hyphens
            assertTrue(troff.contains(".TH \"" + title + "\" \"1\"") && troff.contains("\"" + version + "\""),
                    page + " (" + version + "):\n" + troff.lines().limit(12).toList());
        }
        assertTrue(Files.readString(man1.resolve("todo-serve.1")).contains("\\-\\-shutdown\\-delay"), "serve's options");
    }

    private static List<Task> list(TaskService tasks) {
        List<Task> list = new ArrayList<>();
        tasks.forEach(list::add);
        return list;
    }

    private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(URI base, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve("/tasks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
