package io.github.todo.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import io.github.todo.http.HttpProbe;
import io.github.todo.http.TodoApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bearer token and CORS, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

    static final String TOKEN = "s3cret-token";
    static final String ORIGIN = "https://app.example.com";

    Path dir;
    Tomcat tomcat;
    TaskService tasks;
    TodoApi api;
    URI base;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("todo-access");
        tasks = TaskService.open(TodoConfig.of(dir.resolve("todo.db")));
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", dir.toString());
        ApiSettings settings = ApiSettings.defaults().withToken(TOKEN).withCorsOrigins(List.of(ORIGIN)).withMetrics(true);
        api = TodoApi.create(tasks, settings);
        Tomcat.addServlet(context, "todo", new TodoServlet(api));
        context.addServletMappingDecoded("/*", "todo");
        tomcat.start();
        base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
    }

    @AfterAll
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        api.close();
        tasks.close();
    }

    @Test
    void tasks_need_the_token_and_the_rest_stays_open() throws Exception {
        HttpResponse<String> missing = send(HttpRequest.newBuilder(base.resolve("/tasks")));
        assertEquals(401, missing.statusCode());
        assertEquals("Bearer realm=\"todo\"", missing.headers().firstValue("WWW-Authenticate").orElse(null));
        assertTrue(missing.body().contains("\"status\":401"));

        HttpResponse<String> wrong = send(HttpRequest.newBuilder(base.resolve("/tasks/1")).header("Authorization", "Bearer s3cret-tokem"));
        assertEquals(401, wrong.statusCode());
        assertEquals("Bearer realm=\"todo\", error=\"invalid_token\"", wrong.headers().firstValue("WWW-Authenticate").orElse(null));
        assertFalse(wrong.body().contains(TOKEN), "never echoes the secret");

        HttpResponse<String> basic = send(HttpRequest.newBuilder(base.resolve("/tasks")).header("Authorization", "Basic eDp5"));
        assertEquals(401, basic.statusCode());

        HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("/tasks")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"done\":false}")));
        assertEquals(201, created.statusCode());

        for (String open : List.of("/", "/info", "/health", "/health/live", "/health/ready", "/openapi.json", "/docs", "/app/", "/metrics")) {
            assertEquals(200, send(HttpRequest.newBuilder(base.resolve(open))).statusCode(), open);
        }
    }

    @Test
    void cors_answers_preflights_for_allowed_origins_only() throws Exception {
        HttpProbe probe = new HttpProbe(base);
        HttpProbe.Raw preflight = probe.raw("OPTIONS /tasks HTTP/1.1\r\nOrigin: " + ORIGIN
                + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, authorization", new byte[0]);
        assertEquals(204, preflight.status());
        assertEquals(ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        assertEquals("GET, HEAD, POST, PATCH, DELETE, OPTIONS", preflight.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type, Authorization, If-Match, If-None-Match", preflight.header("Access-Control-Allow-Headers"));

        HttpProbe.Raw stranger = probe.raw("OPTIONS /tasks HTTP/1.1\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Method: POST", new byte[0]);
        assertEquals(null, stranger.header("Access-Control-Allow-Origin"));

        HttpProbe.Raw simple = probe.raw("GET /info HTTP/1.1\r\nOrigin: " + ORIGIN, new byte[0]);
        assertEquals(200, simple.status());
        assertEquals(ORIGIN, simple.header("Access-Control-Allow-Origin"));
        assertEquals("Location, Link, ETag", simple.header("Access-Control-Expose-Headers"));
    }

    @Test
    void exactly_the_operations_the_document_secures_need_the_token() throws Exception {
        HttpProbe probe = new HttpProbe(base);
        JsonObject paths = JsonParser.parseString(probe.get("/openapi.json").body()).getAsJsonObject().getAsJsonObject("paths");
        int secured = 0;
        for (Map.Entry<String, JsonElement> path : paths.entrySet()) {
            for (Map.Entry<String, JsonElement> operation : path.getValue().getAsJsonObject().entrySet()) {
                if (operation.getKey().equals("parameters")) {
                    continue;
                }
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                String target = path.getKey().replace("{id}", "1").replace("{file}", "app.js");
                HttpResponse<String> response = probe.json(method, target, method.startsWith("P") ? "{}" : null);
                String label = method + " " + path.getKey() + " -> " + response.statusCode();
                if (operation.getValue().getAsJsonObject().getAsJsonArray("security").toString().contains("\"bearer\"")) {
                    secured++;
                    assertEquals(401, response.statusCode(), label);
                    assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent(), label);
                } else {
                    assertTrue(response.statusCode() != 401, label + ": open, as documented");
                }
            }
        }
        assertEquals(9, secured, "the task operations");
    }

    @Test
    void metrics_stay_open_with_a_token_and_count_the_refusals() throws Exception {
        send(HttpRequest.newBuilder(base.resolve("/tasks")));
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(base.resolve("/metrics")));
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("http_server_requests_seconds_count{method=\"GET\",status=\"401\",uri=\"/tasks\"}"),
                "measured in the servlet too");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
