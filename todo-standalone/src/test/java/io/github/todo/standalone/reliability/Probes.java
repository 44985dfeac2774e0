package io.github.todo.standalone.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Quick checks that a server still does its job after a test has been rough with it. */
final class Probes {

    private Probes() {
        // Prevent instantiation
    }

    /** How long {@code GET /} takes on a fresh connection, connecting included. */
    static Duration timeHello(InetSocketAddress server) throws IOException {
        long start = System.nanoTime();
        try (HttpConnection http = new HttpConnection(server, Duration.ofSeconds(10))) {
            HttpConnection.Response hello = http.get("/");
            if (hello.status() != 200 || !hello.body().equals("Hello, world!")) {
                throw new AssertionError("GET / answered " + hello.status() + " " + hello.body());
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A task can still be created and read back, and {@code /health} says UP. */
    static void assertStillServes(InetSocketAddress server) throws IOException {
        try (HttpConnection http = new HttpConnection(server, Duration.ofSeconds(10))) {
            HttpConnection.Response created = http.send("POST", "/tasks", "{\"name\":\"still here\",\"done\":false}");
            check(created, 201);
            check(http.get("/tasks/" + created.id()), 200);
            HttpConnection.Response health = check(http.get("/health"), 200);
            if (!health.body().contains("UP")) {
                throw new AssertionError("/health: " + health.body());
            }
        }
    }

    private static HttpConnection.Response check(HttpConnection.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + ", got " + response.status() + " " + response.body());
        }
        return response;
    }
}
