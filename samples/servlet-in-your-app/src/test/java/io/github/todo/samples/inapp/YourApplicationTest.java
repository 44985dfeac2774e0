package io.github.todo.samples.inapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YourApplicationTest {

    @TempDir
    Path dir;

    final HttpClient client = HttpClient.newHttpClient();

    @Test
    void the_todo_api_lives_under_todo_beside_the_applications_own_pages() throws Exception {
        try (YourApplication app = new YourApplication(0, dir.resolve("todo.db"))) {
            String base = "http://127.0.0.1:" + app.port();
            assertEquals("Your application's home page", get(base + "/").body());

            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/todo/tasks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"from the app\",\"done\":false}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode());
            String location = created.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith("/todo/tasks/"), location);
            assertTrue(get(base + location).body().contains("\"name\":\"from the app\""));
            assertEquals("todo", get(base + "/todo/info").body());
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
