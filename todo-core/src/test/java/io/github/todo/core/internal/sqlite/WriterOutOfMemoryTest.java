package io.github.todo.core.internal.sqlite;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.StoreException;
import io.github.todo.core.Task;
import io.github.todo.core.internal.Dialect;
import io.github.todo.core.internal.Migrations;
import io.github.todo.core.internal.Sessions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The single writer when the heap runs out in the middle of its work: a committed write is still
 * acknowledged as committed, a write that could not be applied fails alone, and a writer that
 * cannot go on says so to the health check instead of reporting UP.
 */
class WriterOutOfMemoryTest {

    @TempDir
    Path dir;

    private Connection connection;
    private SqlSession session;
    private final AtomicInteger cacheCleared = new AtomicInteger();
    private SingleWriter writer;

    @BeforeEach
    void open() throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("oom.db"));
        connection = sqlite.getConnection();
        Migrations.apply(connection, Dialect.SQLITE, "oom.db");
        session = Sessions.factory(sqlite, Sessions.mapping(Dialect.SQLITE)).openSession(ExecutorType.REUSE, connection);
    }

    @AfterEach
    void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
        connection.close();
    }

    private SingleWriter writer(Runnable forgetCache) throws Exception {
        writer = new SingleWriter("oom", connection, session, new SingleWriter.WriterSettings(100, 1000, 512, "BEGIN IMMEDIATE", 30_000, false),
                forgetCache, null, null);
        return writer;
    }

    @Test
    void a_write_committed_before_the_heap_ran_out_is_acknowledged_and_the_writer_goes_on() throws Exception {
        SingleWriter writes = writer(cacheCleared::incrementAndGet);

        Task created = writes.submit(mapper -> mapper.insert("kept", false), task -> {
            throw new OutOfMemoryError("Java heap space (a test's)");
        });

        assertEquals("kept", created.name());
        assertEquals(1, cacheCleared.get(), "the cache, which missed the update, forgets everything");
        assertEquals(1, rows());
        assertDoesNotThrow(writes::check);
        assertEquals("next", writes.submit(mapper -> mapper.insert("next", false)).name());
    }

    @Test
    void a_write_that_ran_out_of_memory_fails_alone() throws Exception {
        SingleWriter writes = writer(cacheCleared::incrementAndGet);
        // held back until all three are queued, so that they share one batch
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Task> first = writes.submitAsync(mapper -> {
            gate.join();
            return mapper.insert("first", false);
        }, task -> { });
        CompletableFuture<Task> failing = writes.submitAsync(mapper -> {
            mapper.insert("half-done", false);
            throw new OutOfMemoryError("Java heap space (a test's)");
        }, task -> { });
        CompletableFuture<Task> last = writes.submitAsync(mapper -> mapper.insert("last", false), task -> { });
        gate.complete(null);

        assertEquals("first", first.join().name());
        assertEquals("last", last.join().name());
        Throwable error = assertThrows(Exception.class, failing::join).getCause();
        assertTrue(error instanceof StoreException && error.getMessage().contains("out of memory"), String.valueOf(error));
        assertEquals(2, rows(), "the failed write's insert was rolled back");
        assertDoesNotThrow(writes::check);
    }

    @Test
    void a_writer_that_cannot_go_on_fails_the_health_check() throws Exception {
        SingleWriter writes = writer(() -> {
            throw new OutOfMemoryError("Java heap space (a test's)");
        });

        Task created = writes.submit(mapper -> mapper.insert("committed", false), task -> {
            throw new OutOfMemoryError("Java heap space (a test's)");
        });

        assertEquals("committed", created.name(), "committed, so acknowledged, even as the writer stops");
        assertEquals(1, rows());
        StoreException down = assertThrows(StoreException.class, writes::check);
        assertTrue(down.getMessage().contains("the writer stopped"), down.getMessage());
        assertThrows(StoreException.class, () -> writes.submit(mapper -> mapper.insert("refused", false)));
    }

    private int rows() throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery("SELECT count(*) FROM tasks")) {
            count.next();
            return count.getInt(1);
        }
    }
}
