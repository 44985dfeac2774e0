package io.github.todo.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.todo.core.PostgresSchema;
import io.github.todo.http.HttpProbe;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two standalone servers over one PostgreSQL database, as behind a load balancer: whatever one
 * server did, the other sees. Skipped without a PostgreSQL server.
 */
@ExtendWith(PostgresSchema.Required.class)
class ScaleOutTest {

    static final int CLIENTS_PER_SERVER = 32;
    static final int OPERATIONS = 60;

    static PostgresSchema schema;
    static TodoServer one;
    static TodoServer two;
    static HttpProbe[] servers;

    @BeforeAll
    static void startTwoServers() {
        schema = PostgresSchema.create();
        one = TodoServer.start(ServerSettings.defaults(schema.config().poolSize(8).build()).withPort(0));
        two = TodoServer.start(ServerSettings.defaults(schema.config().poolSize(8).build()).withPort(0));
        servers = new HttpProbe[] {new HttpProbe(URI.create(one.url())), new HttpProbe(URI.create(two.url()))};
    }

    @AfterAll
    static void stopThem() {
        for (AutoCloseable closeable : new AutoCloseable[] {one, two, schema}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void a_task_created_through_one_server_is_read_updated_and_deleted_through_the_other() {
        assertNotEquals(one.port(), two.port());
        HttpResponse<String> created = servers[0].json("POST", "/tasks", "{\"name\": \"from one\", \"done\": false}");
        assertEquals(201, created.statusCode(), created.body());
        long id = JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsLong();

        assertEquals(task(id, "from one", false), object(servers[1].get("/tasks/" + id)));
        assertEquals(task(id, "via two", true), object(servers[1].json("PUT", "/tasks/" + id, "{\"name\": \"via two\", \"done\": true}")));
        assertEquals(task(id, "via two", true), object(servers[0].get("/tasks/" + id)));
        assertEquals(204, servers[1].delete("/tasks/" + id).statusCode());
        assertEquals(404, servers[0].get("/tasks/" + id).statusCode());
        assertEquals(404, servers[0].delete("/tasks/" + id).statusCode());
    }

    /**
     * Each client works on its own tasks through either server at random and keeps a model of
     * them; at the end both servers list exactly the union of the models.
     */
    @Test
    void sixty_four_clients_doing_mixed_work_across_both_servers_lose_nothing_and_see_no_5xx() throws Exception {
        TreeMap<Long, JsonObject> before = all(servers[0]);
        int clients = 2 * CLIENTS_PER_SERVER;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Map<Long, JsonObject>> models = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Map<Long, JsonObject> model = new HashMap<>();
            models.add(model);
            Random random = new Random(c);
            int client = c;
            futures.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < OPERATIONS; i++) {
                    String failure = step(model, random, "c" + client + "-" + i);
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        threads.shutdown();

        assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.peek());
        TreeMap<Long, JsonObject> expected = new TreeMap<>(before);
        models.forEach(expected::putAll);
        assertEquals(expected, all(servers[0]));
        assertEquals(expected, all(servers[1]));
    }

    /** One random request; returns what went wrong, or null. */
    private static String step(Map<Long, JsonObject> model, Random random, String name) {
        HttpProbe server = servers[random.nextInt(2)];
        List<Long> mine = new ArrayList<>(model.keySet());
        int dice = random.nextInt(100);
        String request;
        HttpResponse<String> response;
        if (dice < 35 || mine.isEmpty()) {
            request = "POST /tasks";
            response = server.json("POST", "/tasks", "{\"name\": \"" + name + "\", \"done\": false}");
            if (response.statusCode() == 201) {
                JsonObject task = object(response);
                model.put(task.get("id").getAsLong(), task);
                return null;
            }
        } else {
            long id = mine.get(random.nextInt(mine.size()));
            request = "#" + id;
            if (dice < 60) {
                response = server.get("/tasks/" + id);
                if (response.statusCode() == 200 && object(response).equals(model.get(id))) {
                    return null;
                }
            } else if (dice < 75) {
                response = server.json("PUT", "/tasks/" + id, "{\"name\": \"" + name + "\", \"done\": true}");
                if (response.statusCode() == 200 && object(response).equals(task(id, name, true))) {
                    model.put(id, task(id, name, true));
                    return null;
                }
            } else if (dice < 88) {
                response = server.json("PATCH", "/tasks/" + id, "{\"done\": false}");
                JsonObject expected = model.get(id).deepCopy();
                expected.addProperty("done", false);
                if (response.statusCode() == 200 && object(response).equals(expected)) {
                    model.put(id, expected);
                    return null;
                }
            } else {
                response = server.delete("/tasks/" + id);
                if (response.statusCode() == 204) {
                    model.remove(id);
                    return null;
                }
            }
        }
        return request + " through " + server.base() + " got " + response.statusCode() + " " + response.body();
    }

    /** Every task, listed through {@code server}. */
    private static TreeMap<Long, JsonObject> all(HttpProbe server) {
        HttpResponse<String> response = server.get("/tasks");
        assertEquals(200, response.statusCode());
        TreeMap<Long, JsonObject> tasks = new TreeMap<>();
        JsonParser.parseString(response.body()).getAsJsonArray()
                .forEach(e -> tasks.put(e.getAsJsonObject().get("id").getAsLong(), e.getAsJsonObject()));
        return tasks;
    }

    private static JsonObject object(HttpResponse<String> response) {
        return HttpProbe.jsonObject(response);
    }

    private static JsonObject task(long id, String name, boolean done) {
        return HttpProbe.taskJson(id, name, done);
    }
}
