package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void reopening_keeps_the_data() {
        Task created;
        try (TaskService tasks = TestStores.open(dir)) {
            created = tasks.create(new TaskDraft("survives", true));
        }
        try (TaskService tasks = TestStores.open(dir)) {
            assertEquals(Optional.of(created), tasks.find(created.id()));
        }
    }

    @Test
    void close_checkpoints_the_write_ahead_log() {
        try (TaskService tasks = TestStores.open(dir)) {
            tasks.create(TaskDraft.of("in the log"));
        }
        Path wal = dir.resolve("todo.db-wal");
        assertTrue(Files.notExists(wal) || sizeOf(wal) == 0, "WAL folded back and truncated at close");
    }

    @Test
    void the_database_is_in_wal_mode_with_the_schema_version_recorded() throws Exception {
        try (TaskService tasks = TestStores.open(dir)) {
            tasks.create(TaskDraft.of("x"));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("todo.db"));
             Statement statement = connection.createStatement()) {
            assertEquals("wal", single(statement, "PRAGMA journal_mode"));
            assertEquals("2", single(statement, "PRAGMA user_version"));
        }
    }

    /** A file of schema 1 (before versions): its rows start at version 1, and conditional writes work on them. */
    @Test
    void a_database_of_the_previous_schema_is_migrated_with_its_rows() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("todo.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"
                    + " done INTEGER NOT NULL CHECK (done IN (0, 1)))");
            statement.execute("INSERT INTO tasks (name, done) VALUES ('old one', 0), ('old two', 1)");
            statement.execute("PRAGMA user_version = 1");
        }
        try (TaskService tasks = TestStores.open(dir)) {
            assertEquals(List.of(new Task(1, "old one", false, 1), new Task(2, "old two", true, 1)), tasks.list(PageRequest.first(10)).tasks());
            assertEquals(2, tasks.replace(1, TaskDraft.of("changed"), ExpectedVersion.of(1)).version());
            assertThrows(TaskConflictException.class, () -> tasks.delete(2, ExpectedVersion.of(2)));
            assertEquals(3, tasks.create(TaskDraft.of("new")).id());
        }
    }

    @Test
    void missing_parent_folders_are_created() {
        Path nested = dir.resolve("a/b/c/todo.db");
        try (TaskService tasks = TaskService.open(TodoConfig.of(nested))) {
            tasks.create(TaskDraft.of("deep"));
        }
        assertTrue(Files.isRegularFile(nested));
    }

    @Test
    void two_stores_on_one_file_in_one_jvm_both_work() {
        try (TaskService one = TestStores.open(dir); TaskService two = TestStores.open(dir)) {
            Task fromOne = one.create(TaskDraft.of("one"));
            Task fromTwo = two.create(TaskDraft.of("two"));
            assertEquals(Optional.of(fromTwo), one.find(fromTwo.id()));
            assertEquals(Optional.of(fromOne), two.find(fromOne.id()));
            two.delete(fromOne.id(), ExpectedVersion.any());
            assertEquals(1, one.count());
        }
    }

    @Test
    void a_file_that_is_not_a_database_is_refused_and_left_untouched() throws Exception {
        Path file = dir.resolve("notes.txt");
        byte[] content = "these are my notes, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class,
                () -> TaskService.open(TodoConfig.of(file)));
        assertEquals(file + " is not a SQLite database", e.getMessage());
        assertArrayEquals(content, Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("notes.txt-wal")));
    }

    @Test
    void a_database_from_a_newer_version_is_refused_and_left_untouched() throws Exception {
        Path file = dir.resolve("newer.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY, name TEXT, done INTEGER, due TEXT)");
            statement.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(file);
        IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class,
                () -> TaskService.open(TodoConfig.of(file)));
        assertEquals(file + " has schema version 99, newer than this version of todo understands (2)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void a_directory_is_refused() {
        IncompatibleStoreException e = assertThrows(IncompatibleStoreException.class,
                () -> TaskService.open(TodoConfig.of(dir)));
        assertTrue(e.getMessage().endsWith("is a directory, not a database file"), e.getMessage());
    }

    @Test
    void config_mistakes_name_the_setting() {
        Path file = dir.resolve("x.db");
        assertEquals("poolSize cannot be less than 1",
                assertThrows(IllegalArgumentException.class, () -> TodoConfig.builder(file).poolSize(0).build()).getMessage());
        assertEquals("maxNameLength cannot be less than 1",
                assertThrows(IllegalArgumentException.class, () -> TodoConfig.builder(file).maxNameLength(0).build()).getMessage());
        assertEquals(TodoConfig.of(file), TodoConfig.of(file).toBuilder().build());
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
