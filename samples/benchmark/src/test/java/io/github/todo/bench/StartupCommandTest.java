package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code startup} against real processes: a small JDK HTTP server, run from source. */
class StartupCommandTest {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    /** Answers 200 on GET / once it listens; writes a file into {DATA}, to show the folder is given. */
    private static final String SERVER = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.file.Files;
            import java.nio.file.Path;
            public class Hello {
                public static void main(String[] args) throws Exception {
                    Files.writeString(Path.of(args[1], "started"), System.getenv().getOrDefault("GREETING", "hi"));
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                    server.createContext("/", exchange -> {
                        byte[] body = "Hello".getBytes();
                        exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void it_times_each_start_to_the_first_2xx_and_reads_the_idle_memory() throws IOException {
        Path source = Files.writeString(dir.resolve("Hello.java"), SERVER);
        Path out = dir.resolve("startup.json");

        Runs.Outcome run = Runs.main("startup", "--command", "GREETING=hello " + JAVA + " " + source + " {PORT} {DATA}",
                "--starts", "2", "--idle", "0.2", "--name", "hello", "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("start 2: "), run.out());
        assertTrue(run.out().contains("hello: launch to first 2xx min/median/max "), run.out());
        JsonObject result = JsonFiles.readObject(out);
        assertEquals(2, result.get("starts").getAsInt());
        double median = result.get("median_ms").getAsDouble();
        assertTrue(median > 0 && median < 60_000, "median " + median);
        // a JVM is more than 10 MiB once it serves; -1 would mean /proc was not read
        assertTrue(result.get("idle_rss_kib_median").getAsDouble() > 10 * 1024, result.toString());
        assertTrue(result.get("idle_pss_kib_median").getAsDouble() > 0, result.toString());
    }

    @Test
    void a_server_that_never_answers_2xx_fails_the_run() throws IOException {
        Path source = Files.writeString(dir.resolve("Hello.java"), SERVER);

        Runs.Outcome exits = Runs.main("startup", "--command", "sh -c 'exit 3' {PORT}", "--starts", "1");
        Runs.Outcome notFound = Runs.main("startup", "--command", JAVA + " " + source + " {PORT} {DATA}",
                "--path", "/missing", "--timeout", "3", "--starts", "1");

        assertEquals(1, exits.status());
        assertTrue(exits.err().contains("the server exited with status 3 before answering"), exits.err());
        assertEquals(1, notFound.status());
        assertTrue(notFound.err().contains("no 2xx on GET /missing within 3.0 s"), notFound.err());
    }

    @Test
    void a_command_without_a_port_is_a_usage_error() {
        Runs.Outcome run = Runs.main("startup", "--command", "java -jar todo.jar");

        assertEquals(2, run.status());
        assertTrue(run.err().contains("--command must contain {PORT}"), run.err());
    }
}
