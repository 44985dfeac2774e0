package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.todo.core.PostgresSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar on PostgreSQL, as a user starts it: the driver made it into the jar, the
 * password comes from a file, and the startup line names the database without it.
 */
@ExtendWith(PostgresSchema.Required.class)
class PostgresJarTest {

    @TempDir
    Path dir;

    @Test
    void starts_on_postgresql_with_a_password_file_and_never_prints_a_password() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            // The test server trusts local connections, so neither password is checked: only hidden.
            Path passwordFile = Files.writeString(dir.resolve("password"), "s3cret-from-file\n");
            String url = schema.jdbcUrl() + "&password=hunter2-in-url";
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", StandaloneJarTest.JAR.toAbsolutePath().toString(),
                    "--port", "0", "--jdbc-url", url, "--db-password-file", passwordFile.toString()));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                Matcher startup = StandaloneJarTest.STARTUP.matcher(String.valueOf(line));
                assertTrue(startup.matches(), "startup line: " + line);
                assertEquals(schema.jdbcUrl() + "&password=****", startup.group(2));
                // Everything printed later, read as it comes: destroy() closes the process's streams.
                StringBuilder rest = new StringBuilder();
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(rest::append);
                    } catch (UncheckedIOException closed) {
                        // the stream closed as the process ended
                    }
                });
                drain.start();

                URI base = URI.create("http://127.0.0.1:" + startup.group(1));
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> created = client.send(HttpRequest.newBuilder(base.resolve("/tasks"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"in postgres\",\"done\":false}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, created.statusCode(), created.body());

                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "exits after SIGTERM");
                assertEquals(0, process.exitValue());
                drain.join(10_000);
                String printed = line + rest;
                assertFalse(printed.contains("hunter2") || printed.contains("s3cret"), printed);
            } finally {
                process.destroyForcibly();
            }
            try (Connection connection = schema.connect(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT name FROM tasks")) {
                assertTrue(row.next());
                assertEquals("in postgres", row.getString(1));
            }
        }
    }
}
