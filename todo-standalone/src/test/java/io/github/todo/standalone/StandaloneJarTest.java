package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.Task;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real runnable jar with {@code java -jar}, as a user would. */
class StandaloneJarTest {

    static final Path JAR = Path.of(System.getProperty("todo.jar", "target/todo-standalone.jar"));
    static final Pattern STARTUP = Pattern.compile(
            "todo \\S+ listening on http://127\\.0\\.0\\.1:(\\d+) \\(database (.+), started in (\\d+) ms\\)");

    @TempDir
    Path dir;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void starts_with_one_line_serves_and_stops_cleanly_on_sigterm_without_losing_acknowledged_writes() throws Exception {
        Path db = dir.resolve("todo.db");
        Process process = start("--port", "0", "--db", db.toString());
        String line = firstLine(process);
        Matcher startup = STARTUP.matcher(line);
        assertTrue(startup.matches(), "startup line: " + line);
        assertEquals(db.toAbsolutePath().toString(), startup.group(2));
        URI base = URI.create("http://127.0.0.1:" + startup.group(1));
        assertEquals("Hello, world!", get(base.resolve("/")).body());

        // 16 writers create tasks until the signal; every 201 they got must survive it.
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(300);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String name = "w" + thread + "-" + i;
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/tasks"))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"done\":false}"))
                                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            String body = response.body();
                            acknowledged.put(Long.parseLong(body.substring(6, body.indexOf(','))), name);
                            enough.countDown();
                        }
                    } catch (IOException | InterruptedException refusedDuringShutdown) {
                        return;
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        assertTrue(enough.await(60, TimeUnit.SECONDS), "writes got through");
        process.destroy(); // SIGTERM, while the writers are still sending
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "exits after SIGTERM");
        stop.set(true);
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(0, process.exitValue(), "a clean shutdown exits 0");

        assertEquals("ok", integrityCheck(db));
        try (TaskService tasks = TaskService.open(TodoConfig.of(db))) {
            for (Map.Entry<Long, String> entry : acknowledged.entrySet()) {
                assertEquals(new Task(entry.getKey(), entry.getValue(), false), tasks.find(entry.getKey()).orElse(null));
            }
            assertTrue(tasks.count() >= acknowledged.size());
        }
    }

    @Test
    void a_bad_flag_exits_2_with_the_reason_and_the_usage() throws Exception {
        Process process = start("--port", "eighty");
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(err.startsWith("todo: port: 'eighty' is not an integer from 0 to 65535"), err);
        assertTrue(err.contains("Usage: todo "), err);

        Process unknown = start("--frobnicate");
        assertTrue(unknown.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, unknown.exitValue());
    }

    @Test
    void a_taken_port_exits_1_with_one_clear_line() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Process process = start("--port", String.valueOf(taken.getLocalPort()), "--db", dir.resolve("t.db").toString());
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue());
            assertEquals("todo: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is already in use", err.strip());
        }
    }

    @Test
    void a_file_that_is_not_a_database_exits_1_without_a_stack_trace() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "not a database at all, just some text that is long enough\n".repeat(10));
        Process process = start("--port", "0", "--db", notes.toString());
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        assertEquals("todo: " + notes + " is not a SQLite database", err.strip());
        assertFalse(err.contains("\tat "));
    }

    @Test
    void help_and_version_exit_0() throws Exception {
        Process help = start("--help");
        String usage = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        assertTrue(usage.contains("--worker-threads"), usage);
        Process version = start("--version");
        String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(version.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, version.exitValue());
        assertTrue(text.matches("todo \\d+\\.\\d+\\.\\d+.*\\s*"), text);
    }

    @Test
    void logs_share_one_format_and_a_request_makes_a_line_only_with_the_access_log() throws Exception {
        Path quietLog = dir.resolve("quiet.log");
        Process quiet = start(List.of(), quietLog, "--port", "0", "--db", dir.resolve("quiet.db").toString(), "--log-level", "debug");
        URI base = listening(quiet);
        for (String path : List.of("/app/", "/docs", "/openapi.json", "/metrics", "/health/live")) {
            assertEquals(200, get(base.resolve(path)).statusCode(), path + ", from the runnable jar; metrics always on");
        }
        stopped(quiet);
        String quietText = Files.readString(quietLog);
        assertFalse(quietText.contains("GET /"), "no line per request without --access-log, even at debug: " + quietText);

        Path loudLog = dir.resolve("loud.log");
        Process loud = start(List.of("-Dorg.slf4j.simpleLogger.log.org.xnio=info"), loudLog,
                "--port", "0", "--db", dir.resolve("loud.db").toString(), "--access-log", "--log-level", "error");
        get(listening(loud).resolve("/info"));
        stopped(loud);
        String loudText = Files.readString(loudLog);
        assertTrue(Pattern.compile("\\[INFO] access - 127\\.0\\.0\\.1 - - \\[[^]]+] \"GET /info HTTP/1\\.1\" 200 4").matcher(loudText).find(),
                "one access line, whatever --log-level: " + loudText);
        assertTrue(loudText.contains("[INFO] xnio - XNIO version"), "XNIO logs through jboss-logging into SLF4J: " + loudText);
    }

    private URI listening(Process process) throws IOException {
        Matcher startup = STARTUP.matcher(firstLine(process));
        assertTrue(startup.matches(), "startup line");
        return URI.create("http://127.0.0.1:" + startup.group(1));
    }

    private static void stopped(Process process) throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "exits after SIGTERM");
        assertEquals(0, process.exitValue());
    }

    /** The jar with JVM options before {@code -jar}; what it logs (stderr) goes to {@code log}. */
    private Process start(List<String> jvmOptions, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectError(log.toFile()).start();
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).start();
    }

    private static String firstLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null, "the server printed nothing; exit " + (process.isAlive() ? "-" : process.exitValue()));
        // keep draining so the server never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return line;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA integrity_check")) {
            row.next();
            return row.getString(1);
        }
    }
}
