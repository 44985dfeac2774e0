package io.github.todo.core.internal.sqlite;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.internal.Dialect;
import io.github.todo.core.internal.Migrations;
import io.github.todo.core.internal.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The single writer when it cannot get on: a caller of the waiting form is let go after the
 * verdict timeout with an error that says the write may still commit (and it does), and a writer
 * whose file could not be opened again after a rescue still closes cleanly.
 */
class StalledWriterTest {

    @TempDir
    Path dir;

    private Path file;
    private SQLiteDataSource sqlite;
    private SqlSessionFactory sessions;
    private Connection connection;
    private SingleWriter writer;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("stalled.db");
        sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file);
        connection = sqlite.getConnection();
        Migrations.apply(connection, Dialect.SQLITE, "stalled.db");
        sessions = Sessions.factory(sqlite, Sessions.mapping(Dialect.SQLITE));
    }

    @AfterEach
    void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
        connection.close();
    }

    private SingleWriter writer(long verdictTimeoutMillis, SingleWriter.Rescue rescue) throws Exception {
        SqlSession session = sessions.openSession(ExecutorType.REUSE, connection);
        writer = new SingleWriter("stalled", connection, session,
                new SingleWriter.WriterSettings(100, 1000, 512, "BEGIN IMMEDIATE", verdictTimeoutMillis, false), () -> { }, file, rescue);
        return writer;
    }

    @Test
    void a_waiting_caller_is_let_go_when_the_writer_stalls_and_told_the_write_may_still_commit() throws Exception {
        SingleWriter writes = writer(300, null);
        CountDownLatch disk = new CountDownLatch(1); // a hung disk: the write does not finish until released

        StoreException stalled = assertThrows(StoreException.class, () -> writes.submit(mapper -> {
            awaitQuietly(disk);
            return mapper.insert("late", false);
        }));
        assertTrue(stalled.getMessage().contains("may still be committed"), stalled.getMessage());

        disk.countDown();
        // the writer goes on: the write it was stuck in commits, and so does the next
        Task next = writes.submit(mapper -> mapper.insert("next", false));
        assertEquals("next", next.name());
        assertEquals(2, rows(), "the write reported as 'may still be committed' was committed");
    }

    @Test
    void a_writer_whose_file_cannot_be_opened_again_after_a_rescue_closes_cleanly() throws Exception {
        SingleWriter writes = writer(30_000, new SingleWriter.Rescue() {
            @Override
            public boolean closeReaders() {
                return true; // this test has no readers
            }

            @Override
            public void resumeReaders() {
            }

            @Override
            public SqlSession openSession() throws SQLException {
                throw new SQLException("the disk refuses to open the file (a test's)");
            }
        });
        writes.submit(mapper -> mapper.insert("kept", false));
        Files.delete(file); // removed while open: the folder is still there, so the writer rescues it

        StoreException refused = assertThrows(StoreException.class, () -> writes.submit(mapper -> mapper.insert("refused", false)));
        assertTrue(refused.getMessage().contains("cannot be opened again") || refused.getMessage().contains("was removed"),
                refused.getMessage());
        assertTrue(Files.exists(file), "the copy was moved into place even though it could not be opened");

        assertDoesNotThrow(writes::close);
        writer = null;
        try (Connection check = sqlite.getConnection(); Statement statement = check.createStatement();
             ResultSet names = statement.executeQuery("SELECT name FROM tasks")) {
            assertTrue(names.next());
            assertEquals("kept", names.getString(1));
            assertFalse(names.next(), "the refused write is not there");
        }
    }

    private int rows() throws SQLException {
        try (Connection check = sqlite.getConnection(); Statement statement = check.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM tasks")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
