package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that ask for the whole list and then stop reading it. They must not pin the store: the
 * other reads, the health check and the writes go on at their usual pace, and the write-ahead log
 * is still checkpointed, so it does not grow with every commit.
 */
class SlowListReadersTest {

    private static final int TASKS = 100_000;
    private static final int SLOW_READERS = 12; // more than the read pool's connections (8)
    private static final String NAME = "a name long enough that the list is far larger than the socket buffers "
            + "x".repeat(100);

    @TempDir
    Path dir;

    @Test
    void clients_that_stop_reading_the_list_hold_no_connection_and_no_snapshot() throws Exception {
        Path db = dir.resolve("todo.db");
        TodoConfig store = TodoConfig.builder(db).poolSize(8).readCacheBytes(0).busyTimeout(Duration.ofSeconds(5)).build();
        TaskService.open(store).close(); // the schema
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            sqlite.setAutoCommit(false);
            try (PreparedStatement insert = sqlite.prepareStatement("INSERT INTO tasks(name, done) VALUES (?, 0)")) {
                for (int i = 0; i < TASKS; i++) {
                    insert.setString(1, NAME + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            sqlite.commit();
        }
        ServerSettings settings = ServerSettings.defaults(store).withPort(0);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Socket> slow = new ArrayList<>();
        try (TodoServer server = TodoServer.start(settings)) {
            String base = "http://127.0.0.1:" + server.port();
            for (int i = 0; i < SLOW_READERS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                // the answer has begun: the list is being written, and from here on nobody reads it
                assertEquals("HTTP/1.1 200", new String(in.readNBytes(12), StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            long walBefore = walSize(db);
            for (int i = 0; i < 3_000; i++) {
                HttpResponse<String> created = http.send(post(base, "{\"name\":\"" + NAME + "\",\"done\":false}"),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, created.statusCode(), created.body());
            }
            // each answered well inside the 5 s the pool would make them wait for a connection
            for (String path : new String[] {"/health/ready", "/tasks?limit=10", "/tasks/7"}) {
                long started = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, response.statusCode(), path + ": " + response.body());
                assertTrue(millis < 2_000, path + " took " + millis + " ms");
            }
            // 3,000 rows of 200 bytes are about 3,000 pages in the log; a checkpoint held back by an
            // open snapshot would leave every one of them there
            long walAfter = walSize(db);
            assertTrue(walAfter - walBefore < 8L * 1024 * 1024, "the WAL grew from " + walBefore + " to " + walAfter + " bytes");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static HttpRequest post(String base, String json) {
        return HttpRequest.newBuilder(URI.create(base + "/tasks")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static long walSize(Path db) throws java.io.IOException {
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }
}
