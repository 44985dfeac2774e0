package io.github.todo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup, import with ids kept, the id sequence and the schema version, on real SQLite files. */
class TransferTest {

    @TempDir
    Path dir;

    @Test
    void a_backup_taken_while_writes_go_on_is_whole_and_holds_every_write_acknowledged_before_it() throws Exception {
        try (TaskService tasks = TestStores.open(dir)) {
            for (int i = 0; i < 500; i++) {
                tasks.create(TaskDraft.of("before " + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong during = new AtomicLong();
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    tasks.create(TaskDraft.of("during"));
                    during.incrementAndGet();
                }
            });
            writer.start();
            Path copy = dir.resolve("backups/copy.db");
            try {
                tasks.backup(copy);
            } finally {
                stop.set(true);
                writer.join();
            }
            assertFalse(Files.exists(dir.resolve("backups/copy.db.partial")));
            try (TaskService restored = TaskService.open(TodoConfig.of(copy))) {
                long count = restored.count();
                assertTrue(count >= 500 && count <= 500 + during.get(), "count " + count);
                assertEquals(Optional.of(new Task(1, "before 0", false)), restored.find(1));
            }
            assertEquals(copy + " exists: a backup is written to a new file",
                    assertThrows(IllegalArgumentException.class, () -> tasks.backup(copy)).getMessage());
        }
    }

    @Test
    void an_import_keeps_ids_moves_the_sequence_past_them_and_is_all_or_nothing() {
        try (TaskService tasks = TestStores.open(dir)) {
            tasks.create(TaskDraft.of("already here")); // id 1
            try (TaskImport load = tasks.beginImport()) {
                load.add(new Task(10, "ten", true));
                load.add(new Task(7, "seven 🎉", false));
                load.idSequenceAtLeast(20);
                assertEquals(2, load.commit());
            }
            assertEquals(Optional.of(new Task(7, "seven 🎉", false)), tasks.find(7));
            assertEquals(20, tasks.idSequence());
            assertEquals(21, tasks.create(TaskDraft.of("next")).id());

            try (TaskImport load = tasks.beginImport()) {
                load.add(new Task(30, "thirty", false));
                assertThrows(StoreException.class, () -> load.add(new Task(10, "taken", false)));
            }
            try (TaskImport load = tasks.beginImport()) {
                load.add(new Task(31, "thirty-one", false));
                assertThrows(InvalidTaskException.class, () -> load.add(new Task(32, " ", false)));
                // closed without commit
            }
            assertEquals(Optional.empty(), tasks.find(30));
            assertEquals(Optional.empty(), tasks.find(31));
            assertEquals(4, tasks.count());
        }
    }

    @Test
    void the_schema_version_is_read_without_creating_or_migrating_anything() throws Exception {
        Path file = dir.resolve("new.db");
        assertEquals(0, TaskService.schemaVersion(TodoConfig.of(file)));
        assertFalse(Files.exists(file));
        TaskService.open(TodoConfig.of(file)).close();
        assertEquals(TaskService.currentSchemaVersion(), TaskService.schemaVersion(TodoConfig.of(file)));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a database, only some words\n".repeat(20));
        assertThrows(IncompatibleStoreException.class, () -> TaskService.schemaVersion(TodoConfig.of(text)));
    }

    @Test
    void a_copy_into_postgresql_and_back_keeps_rows_ids_and_the_sequence() {
        try (PostgresSchema schema = PostgresSchema.create();
             TaskService sqlite = TestStores.open(dir);
             TaskService postgres = TaskService.open(schema.config().build())) {
            for (int i = 0; i < 50; i++) {
                sqlite.create(TaskDraft.of("t" + i + " 漢字"));
            }
            sqlite.delete(50, ExpectedVersion.any());
            copy(sqlite, postgres);
            assertEquals(all(sqlite), all(postgres));
            assertEquals(50, postgres.idSequence());
            assertEquals(51, postgres.create(TaskDraft.of("after")).id());
            try (TaskService back = TaskService.open(TodoConfig.of(dir.resolve("back.db")))) {
                copy(postgres, back);
                assertEquals(all(postgres), all(back));
                assertEquals(51, back.idSequence());
            }
        }
    }

    private static void copy(TaskService from, TaskService to) {
        try (TaskImport load = to.beginImport()) {
            from.forEach(load::add);
            load.idSequenceAtLeast(from.idSequence());
            load.commit();
        }
    }

    private static List<Task> all(TaskService tasks) {
        List<Task> list = new ArrayList<>();
        tasks.forEach(list::add);
        return list;
    }
}
