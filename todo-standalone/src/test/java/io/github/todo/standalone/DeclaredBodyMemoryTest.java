package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a connection that declares a large body and sends little of it costs the server: the
 * memory of what arrived, not of what was declared. Measured as the bytes the server's I/O threads
 * allocate (the JVM counts them per thread), so the figure does not depend on when a GC runs.
 */
class DeclaredBodyMemoryTest {

    private static final int CONNECTIONS = 8;
    private static final int DECLARED = 1024 * 1024; // the default --max-body: the largest body kept whole

    @TempDir
    Path dir;

    @Test
    void a_declared_body_costs_what_arrived_not_what_was_declared() throws Exception {
        // a short request timeout: the server closes each stalled connection itself, which tells the
        // test that it has read the headers and the first bytes of the body
        ServerSettings defaults = ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db")));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 2, 4, defaults.store(), ApiSettings.defaults(), false,
                Duration.ofSeconds(60), Duration.ofSeconds(1), 16 * 1024, Duration.ofSeconds(5));
        try (TodoServer server = TodoServer.start(settings)) {
            long before = ioThreadAllocations();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    sockets.add(startLargeBody(server.port()));
                }
                for (Socket socket : sockets) {
                    InputStream in = socket.getInputStream();
                    assertEquals(-1, in.read(), "the server closes a body that stalls past the request timeout");
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            long allocated = ioThreadAllocations() - before;
            // one connection's declared size would be 1 MiB; what arrived is about 1 KB each
            assertTrue(allocated < DECLARED, CONNECTIONS + " stalled connections cost the I/O threads " + allocated + " bytes");
        }
    }

    /**
     * A request without the token is answered 401 before its body is read: the client reads the
     * answer while the rest of its body is still unsent, and nothing of it was kept.
     */
    @Test
    void an_unauthorised_body_is_refused_before_it_is_read() throws Exception {
        ServerSettings defaults = ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db")));
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 2, 4, defaults.store(), ApiSettings.defaults().withToken("secret"),
                false, Duration.ofSeconds(60), Duration.ofSeconds(30), 16 * 1024, Duration.ofSeconds(5));
        try (TodoServer server = TodoServer.start(settings);
             Socket socket = startLargeBody(server.port())) {
            byte[] status = socket.getInputStream().readNBytes(12);
            assertEquals("HTTP/1.1 401", new String(status, StandardCharsets.US_ASCII),
                    "answered with 1 KB of a declared 1 MiB sent (it would wait 30 s for the rest)");
        }
    }

    /** A POST that declares {@link #DECLARED} bytes and sends its headers and about 1 KB of them. */
    private static Socket startLargeBody(int port) throws java.io.IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + DECLARED
                + "\r\n\r\n{\"name\":\"" + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static long ioThreadAllocations() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains("I/O")) {
                total += threads.getThreadAllocatedBytes(thread.getId());
            }
        }
        return total;
    }
}
