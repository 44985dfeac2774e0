package io.github.todo.core.internal.sqlite;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.StoreException;
import io.github.todo.core.internal.Dialect;
import io.github.todo.core.internal.Migrations;
import io.github.todo.core.internal.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The rescue of a removed database file, without root (ResourceFaultTest does it on a full tmpfs):
 * while the folder is gone, writes and the health check say the file was removed; once the folder
 * is back, the next write copies the data back and goes on, and the readers were held meanwhile.
 */
class FileRescueTest {

    @TempDir
    Path dir;

    private Path file;
    private SQLiteDataSource sqlite;
    private SqlSessionFactory sessions;
    private Connection connection;
    private SingleWriter writer;
    private final AtomicInteger readersHeld = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("data").resolve("rescued.db");
        Files.createDirectories(file.getParent());
        sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file);
        connection = sqlite.getConnection();
        Migrations.apply(connection, Dialect.SQLITE, "rescued.db");
        sessions = Sessions.factory(sqlite, Sessions.mapping(Dialect.SQLITE));
        SqlSession session = sessions.openSession(ExecutorType.REUSE, connection);
        writer = new SingleWriter("rescue", connection, session,
                new SingleWriter.WriterSettings(100, 1000, 512, "BEGIN IMMEDIATE", 30_000, false), () -> { }, file,
                new SingleWriter.Rescue() {
                    @Override
                    public boolean closeReaders() {
                        readersHeld.incrementAndGet();
                        return true; // this test has no readers
                    }

                    @Override
                    public void resumeReaders() {
                    }

                    @Override
                    public SqlSession openSession() throws SQLException {
                        return sessions.openSession(ExecutorType.REUSE, sqlite.getConnection());
                    }
                });
    }

    @AfterEach
    void close() throws Exception {
        writer.close();
        connection.close();
    }

    @Test
    void a_removed_file_is_copied_back_once_its_folder_is_there_and_nothing_acknowledged_is_lost() throws Exception {
        writer.submit(mapper -> mapper.insert("before", false));
        Files.delete(file);
        Files.delete(file.getParent()); // the folder is gone: nowhere to copy the data to yet

        StoreException refused = assertThrows(StoreException.class, () -> writer.submit(mapper -> mapper.insert("refused", false)));
        assertTrue(refused.getMessage().contains("was removed"), refused.getMessage());
        StoreException down = assertThrows(StoreException.class, writer::check);
        assertTrue(down.getMessage().contains("was removed"), down.getMessage());

        Files.createDirectories(file.getParent());
        assertEquals("after", writer.submit(mapper -> mapper.insert("after", false)).name());

        assertEquals(1, readersHeld.get(), "the readers were held for the copy");
        assertTrue(Files.exists(file));
        assertEquals(List.of("before", "after"), names(), "the file at the path holds the data, and not the refused write");
        assertDoesNotThrow(writer::check);
    }

    private List<String> names() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection check = sqlite.getConnection(); Statement statement = check.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM tasks ORDER BY id")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
