package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening, migrating and sharing a PostgreSQL database; skipped without a server. */
class PostgresLifecycleTest {

    @RegisterExtension
    static final PostgresSchema.PerTest POSTGRES = new PostgresSchema.PerTest();

    @Test
    void reopening_keeps_the_data_and_two_stores_share_one_database() {
        Task created;
        try (TaskService tasks = TaskService.open(POSTGRES.schema().config().build())) {
            created = tasks.create(new TaskDraft("survives", true));
        }
        try (TaskService one = TaskService.open(POSTGRES.schema().config().build());
             TaskService two = TaskService.open(POSTGRES.schema().config().build())) {
            assertEquals(Optional.of(created), one.find(created.id()));
            Task fromTwo = two.create(TaskDraft.of("two"));
            assertEquals(Optional.of(fromTwo), one.find(fromTwo.id()));
            one.delete(created.id(), ExpectedVersion.any());
            assertEquals(List.of(fromTwo), two.list(PageRequest.first(10)).tasks());
        }
    }

    @Test
    void the_schema_version_is_recorded_in_a_table() throws Exception {
        TaskService.open(POSTGRES.schema().config().build()).close();
        try (Connection connection = POSTGRES.schema().connect(); Statement statement = connection.createStatement()) {
            assertEquals(List.of("1", "2"), column(statement, "SELECT version FROM todo_schema_version ORDER BY version"));
            assertEquals(List.of("id bigint ALWAYS", "name text null", "done boolean null", "version bigint null"), column(statement, """
                    SELECT column_name || ' ' || data_type || ' ' || coalesce(identity_generation, 'null')
                      FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = 'tasks' ORDER BY ordinal_position"""));
        }
    }

    @Test
    void servers_starting_together_migrate_exactly_once() throws Exception {
        int servers = 6;
        ExecutorService threads = Executors.newFixedThreadPool(servers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TaskService>> opened = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            opened.add(threads.submit(() -> {
                start.await();
                return TaskService.open(POSTGRES.schema().config().poolSize(1).build());
            }));
        }
        start.countDown();
        List<TaskService> stores = new ArrayList<>();
        try {
            for (Future<TaskService> future : opened) {
                stores.add(future.get());
            }
            for (TaskService store : stores) {
                store.create(TaskDraft.of("from every server"));
            }
            assertEquals(servers, stores.get(0).count());
        } finally {
            stores.forEach(TaskService::close);
            threads.shutdown();
        }
        try (Connection connection = POSTGRES.schema().connect(); Statement statement = connection.createStatement()) {
            assertEquals(List.of("1", "2"), column(statement, "SELECT version FROM todo_schema_version ORDER BY version"));
        }
    }

    /** A database of schema 1 (before versions): its rows start at version 1, and conditional writes work on them. */
    @Test
    void a_database_of_the_previous_schema_is_migrated_with_its_rows() throws Exception {
        POSTGRES.schema().execute("CREATE TABLE todo_schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        POSTGRES.schema().execute("INSERT INTO todo_schema_version (version) VALUES (1)");
        POSTGRES.schema().execute("CREATE TABLE tasks (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL, done BOOLEAN NOT NULL)");
        POSTGRES.schema().execute("INSERT INTO tasks (name, done) VALUES ('old one', false), ('old two', true)");
        try (TaskService tasks = TaskService.open(POSTGRES.schema().config().build())) {
            assertEquals(List.of(new Task(1, "old one", false, 1), new Task(2, "old two", true, 1)), tasks.list(PageRequest.first(10)).tasks());
            assertEquals(2, tasks.replace(1, TaskDraft.of("changed"), ExpectedVersion.of(1)).version());
            assertThrows(TaskConflictException.class, () -> tasks.delete(2, ExpectedVersion.of(2)));
            assertEquals(3, tasks.create(TaskDraft.of("new")).id());
        }
    }

    @Test
    void a_database_from_a_newer_version_is_refused_and_left_untouched() {
        POSTGRES.schema().execute("CREATE TABLE todo_schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        POSTGRES.schema().execute("INSERT INTO todo_schema_version (version) VALUES (1), (99)");
        TodoConfig config = POSTGRES.schema().config().build();
        IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class, () -> TaskService.open(config));
        assertEquals(config.location() + " has schema version 99, newer than this version of todo understands (2)", e.getMessage());
        POSTGRES.schema().execute("DROP TABLE todo_schema_version"); // fails if a tasks table appeared: it did not
    }

    @Test
    void a_data_source_from_a_container_is_recognised_as_postgresql_and_left_open() {
        HikariConfig container = new HikariConfig();
        container.setJdbcUrl(POSTGRES.schema().jdbcUrl());
        container.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(container)) {
            Task created;
            try (TaskService tasks = TaskService.open(TodoConfig.builder(dataSource).build())) {
                created = tasks.create(TaskDraft.of("through JNDI, say"));
                List<Task> all = new ArrayList<>();
                tasks.forEach(all::add);
                assertEquals(List.of(created), all);
            }
            assertTrue(dataSource.isRunning(), "the store never closes a data source it was given");
            try (TaskService again = TaskService.open(TodoConfig.builder(dataSource).build())) {
                assertEquals(Optional.of(created), again.find(created.id()));
            }
        }
    }

    @Test
    void a_lock_held_longer_than_the_busy_timeout_is_a_busy_store() throws Exception {
        try (TaskService tasks = TaskService.open(POSTGRES.schema().config().busyTimeout(Duration.ofMillis(200)).build());
             Connection other = POSTGRES.schema().connect()) {
            Task task = tasks.create(TaskDraft.of("locked"));
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE");
                StoreException e = assertThrows(StoreException.class, () -> tasks.find(task.id()));
                assertEquals("cannot read tasks: database is busy", e.getMessage());
                e = assertThrows(StoreException.class, () -> tasks.patch(task.id(), new TaskPatch(null, true), ExpectedVersion.any()));
                assertEquals("cannot write: database is busy", e.getMessage());
            } finally {
                other.rollback();
            }
            assertEquals(Optional.of(task), tasks.find(task.id()), "serving again once the lock is gone");
        }
    }

    private static List<String> column(Statement statement, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
