package io.github.todo.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer contract in memory over the JDK's HTTP server, on 127.0.0.1 and a free port:
 * {@code GET /}, {@code GET /info}, {@code POST /tasks}, {@code GET/PUT/DELETE /tasks/{id}}.
 * Reads answer chunked and the rest with a Content-Length, so both framings get exercised.
 * {@link #failUpdates()} makes every PUT answer 500 and {@link #stallReads(long)} holds back every
 * read, to see failures and timeouts reported.
 */
final class InMemoryTodoServer implements AutoCloseable {

    static final String NAME = "in-memory-test";

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY every
        // keep-alive answer waits ~40 ms for a delayed ACK, and the tests would crawl.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private record Task(long id, String name, boolean done) {
        String json() {
            return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"done\":" + done + "}";
        }
    }

    private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private volatile boolean failUpdates;
    private volatile long readStallMillis;

    private InMemoryTodoServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static InMemoryTodoServer start() throws IOException {
        return new InMemoryTodoServer(0);
    }

    /** As a process of its own on 127.0.0.1:PORT, for a test that runs the server elsewhere (another namespace). */
    public static void main(String[] args) throws IOException {
        new InMemoryTodoServer(Integer.parseInt(args[0]));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int taskCount() {
        return tasks.size();
    }

    void failUpdates() {
        failUpdates = true;
    }

    void stallReads(long millis) {
        readStallMillis = millis;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/") && method.equals("GET")) {
                send(exchange, 200, "Hello, world!", false);
            } else if (path.equals("/info") && method.equals("GET")) {
                send(exchange, 200, NAME, false);
            } else if (path.equals("/tasks") && method.equals("POST")) {
                Task task = parse(ids.incrementAndGet(), body);
                tasks.put(task.id(), task);
                send(exchange, 201, task.json(), false);
            } else if (path.startsWith("/tasks/")) {
                one(exchange, method, Long.parseLong(path.substring("/tasks/".length())), body);
            } else {
                send(exchange, 404, "{\"detail\":\"Not Found\"}", false);
            }
        }
    }

    private void one(HttpExchange exchange, String method, long id, byte[] body) throws IOException {
        Task task = tasks.get(id);
        if (task == null) {
            send(exchange, 404, "{\"detail\":\"Task not found\"}", false);
        } else if (method.equals("GET")) {
            stall();
            send(exchange, 200, task.json(), true);
        } else if (method.equals("PUT")) {
            if (failUpdates) {
                send(exchange, 500, "{\"detail\":\"broken on purpose\"}", false);
                return;
            }
            Task updated = parse(id, body);
            tasks.put(id, updated);
            send(exchange, 200, updated.json(), false);
        } else if (method.equals("DELETE")) {
            tasks.remove(id);
            exchange.sendResponseHeaders(204, -1);
        } else {
            send(exchange, 405, "", false);
        }
    }

    private void stall() {
        try {
            Thread.sleep(readStallMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Task parse(long id, byte[] body) {
        JsonObject json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        return new Task(id, json.get("name").getAsString(), json.get("done").getAsBoolean());
    }

    private static void send(HttpExchange exchange, int status, String text, boolean chunked) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", text.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
