package io.github.todo.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonParser;
import io.github.todo.core.Task;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.HttpProbe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Undeploying todo.war closes the store it opened: no thread left behind, every write in the file. */
class UndeployWarTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat", "jetty"})
    void undeploying_stops_the_store_threads_and_leaves_the_data_in_the_file(String container) throws Exception {
        Path db = dir.resolve("undeploy-" + container + ".db");
        String store = StoreThreads.of(db);
        try (Deployment deployment = deploy(container, db)) {
            HttpProbe http = new HttpProbe(deployment.uri());
            long id = create(http, "{\"name\": \"survives the undeploy\", \"done\": false}");
            assertEquals(200, http.json("PATCH", "/tasks/" + id, "{\"done\": true}").statusCode());
            assertFalse(StoreThreads.alive(store).isEmpty(), "the store runs threads named " + store + "...");

            deployment.undeploy();

            assertEquals(List.of(), StoreThreads.aliveAfterGrace(store), "threads left running after the undeploy");
            assertFalse(Files.exists(Path.of(db + "-wal")), "the write-ahead log is checkpointed and removed on close");
            try (TaskService tasks = TaskService.open(TodoConfig.of(db))) {
                assertEquals(Optional.of(new Task(id, "survives the undeploy", true, 2)), tasks.find(id));
                assertEquals(1, tasks.count());
            }
        }
    }

    @Test
    void tomcat_reports_no_leak_when_the_war_is_undeployed() throws Exception {
        Path db = dir.resolve("leaks.db");
        try (Deployment tomcat = deploy("tomcat", db); LeakReports leaks = LeakReports.listen()) {
            create(new HttpProbe(tomcat.uri()), "{\"name\": \"x\", \"done\": false}");
            tomcat.undeploy();
            assertEquals(List.of(), leaks.reports());
        }
    }

    private Deployment deploy(String container, Path db) throws Exception {
        Map<String, String> parameters = Map.of("todo.db", db.toString());
        return "tomcat".equals(container) ? TomcatDeployment.start(dir, parameters) : JettyDeployment.start(dir, parameters);
    }

    static long create(HttpProbe http, String json) {
        HttpResponse<String> response = http.json("POST", "/tasks", json);
        assertEquals(201, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject().get("id").getAsLong();
    }
}
