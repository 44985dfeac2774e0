package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies past Undertow's own default limit (2 MiB), which used to cut the connection without an
 * answer whatever {@code --max-body} said, and how long a refused body is read past.
 */
class LargeBodyTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private ServerSettings settings(ApiSettings api, Duration requestTimeout) {
        ServerSettings defaults = ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db")));
        return new ServerSettings("127.0.0.1", 0, 2, 4, defaults.store(), api, false,
                Duration.ofSeconds(60), requestTimeout, 16 * 1024, Duration.ofSeconds(5));
    }

    /** A body of 2.5 MiB (a task padded with blanks, which JSON skips) under a 4 MiB --max-body is taken. */
    @ParameterizedTest(name = "chunked {0}")
    @ValueSource(booleans = {false, true})
    void a_max_body_above_two_mib_is_honoured(boolean chunked) throws Exception {
        try (TodoServer server = TodoServer.start(settings(ApiSettings.defaults().withMaxBodyBytes(4L * MIB), Duration.ofSeconds(30)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            byte[] body = paddedTask("large", 5 * MIB / 2);
            send(socket, "POST /tasks HTTP/1.1", body, chunked);
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
            assertTrue(answer.contains("\"name\":\"large\""), answer);

            // and one byte over 4 MiB is refused with the 413, the whole body read past first
            send(socket, "POST /tasks HTTP/1.1", paddedTask("too large", 4 * MIB + 1), chunked);
            String refused = readAnswer(socket.getInputStream());
            assertTrue(refused.startsWith("HTTP/1.1 413"), refused);
            assertTrue(refused.contains("larger than the limit of 4194304 bytes"), refused);
        }
    }

    /**
     * A refused body is read past only until the request timeout: one that keeps coming, slowly,
     * after its 413 gets its connection closed then, not held for ever.
     */
    @Test
    void a_refused_body_is_read_past_only_until_the_request_timeout() throws Exception {
        try (TodoServer server = TodoServer.start(settings(ApiSettings.defaults(), Duration.ofSeconds(1)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + (100L * MIB) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer); // at once, before any of the body
            long started = System.nanoTime();
            socket.setSoTimeout(100);
            try {
                for (int i = 0; i < 100; i++) { // a byte every 100 ms, for up to 10 s
                    out.write(' ');
                    out.flush();
                    try {
                        if (socket.getInputStream().read() < 0) {
                            break; // closed by the server
                        }
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // go on trickling
                    }
                }
            } catch (IOException closed) {
                // the server closed the connection, as it should
            }
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(millis < 5_000, "the connection was still open after " + millis + " ms of a trickled, refused body");
        }
    }

    /**
     * Without the token: 401 before the body is read, with {@code Connection: close}; the body is
     * still read past whole (the client, writing all of it before it reads, gets no reset), and
     * then the server closes the connection, so that no next request can be taken for body.
     */
    @Test
    void an_unauthorised_body_is_read_past_and_then_the_connection_closes() throws Exception {
        try (TodoServer server = TodoServer.start(settings(ApiSettings.defaults().withToken("secret"), Duration.ofSeconds(30)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            send(socket, "POST /tasks HTTP/1.1", paddedTask("no token", 10 * MIB), false); // throws on a reset
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
            assertTrue(answer.contains("Connection: close"), answer);
            assertEquals(-1, socket.getInputStream().read(), "closed once the body was read past");
        }
    }

    /** {@code {"done":false,"name":"NAME"}} and blanks after it, {@code size} bytes in all. */
    private static byte[] paddedTask(String name, int size) {
        byte[] task = ("{\"done\":false,\"name\":\"" + name + "\"").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(task, 0, body, 0, task.length);
        body[size - 1] = '}';
        return body;
    }

    /** Sends a whole request (the client writes all of it before it reads). */
    private static void send(Socket socket, String requestLine, byte[] body, boolean chunked) throws IOException {
        OutputStream out = socket.getOutputStream();
        String head = requestLine + "\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length) + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (chunked) {
            for (int at = 0; at < body.length; at += 64 * 1024) {
                int n = Math.min(64 * 1024, body.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(body);
        }
        out.flush();
    }

    /** One answer with a Content-Length, head and body as text. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1) + "<closed>";
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
