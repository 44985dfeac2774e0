package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.TodoConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNS rebinding: a server on a loopback address answers only for the names that address has. */
class HostAllowListTest {

    @TempDir
    Path dir;

    @Test
    void a_loopback_server_refuses_other_host_names() throws Exception {
        try (TodoServer server = TodoServer.start(ServerSettings.defaults(TodoConfig.of(dir.resolve("todo.db"))).withPort(0))) {
            int port = server.port();
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port, "localhost.")) {
                assertEquals(200, status(port, "GET /tasks", host), host);
            }
            for (String host : List.of("rebound.example:" + port, "rebound.example", "127.0.0.1.nip.io:" + port)) {
                String answer = answer(port, "GET /tasks", host);
                assertTrue(answer.startsWith("HTTP/1.1 400"), host + ": " + answer);
                assertTrue(answer.contains("\"field\":\"Host\""), answer);
            }
            assertEquals(400, status(port, "POST /tasks", "rebound.example"), "writes too");
        }
    }

    @Test
    void the_names_can_be_given_and_any_allowed() throws Exception {
        ServerSettings given = CommandsTest.serverSettings(new String[] {"--port", "0", "--db", dir.resolve("a.db").toString(),
                "--allowed-hosts", "todo.internal, 127.0.0.1"}, Map.<String, String>of()::get);
        try (TodoServer server = TodoServer.start(given)) {
            assertEquals(200, status(server.port(), "GET /tasks", "todo.internal:" + server.port()));
            assertEquals(400, status(server.port(), "GET /tasks", "localhost"));
        }
        ServerSettings any = CommandsTest.serverSettings(new String[] {"--port", "0", "--db", dir.resolve("b.db").toString(),
                "--allowed-hosts", "*"}, Map.<String, String>of()::get);
        try (TodoServer server = TodoServer.start(any)) {
            assertEquals(200, status(server.port(), "GET /tasks", "rebound.example"));
        }
        ServerSettings exposed = CommandsTest.serverSettings(new String[] {"--host", "0.0.0.0", "--db", dir.resolve("c.db").toString()}, Map.<String, String>of()::get);
        assertEquals(List.of("*"), exposed.api().allowedHosts(), "a server others reach is named however they reach it");
    }

    private static int status(int port, String requestLine, String host) throws Exception {
        return Integer.parseInt(answer(port, requestLine, host).substring(9, 12));
    }

    private static String answer(int port, String requestLine, String host) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            String body = requestLine.startsWith("POST") ? "{\"name\":\"x\",\"done\":false}" : "";
            String head = requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n") + "\r\n";
            socket.getOutputStream().write((head + body).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
