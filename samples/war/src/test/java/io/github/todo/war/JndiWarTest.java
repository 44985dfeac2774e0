package io.github.todo.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.todo.core.Task;
import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.HttpProbe;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** todo.war uses the container's DataSource at java:comp/env/jdbc/todo when one is bound. */
class JndiWarTest {

    @TempDir
    Path dir;

    @Test
    void a_data_source_bound_at_jdbc_todo_holds_the_tasks() throws Exception {
        Path db = dir.resolve("jndi.db");
        // the README's context file: <Resource name="jdbc/todo" type="org.sqlite.SQLiteDataSource"
        //     factory="org.apache.naming.factory.BeanFactory" url="jdbc:sqlite:..." journalMode="WAL" busyTimeout="5000"/>
        ContextResource resource = new ContextResource();
        resource.setName("jdbc/todo");
        resource.setType("org.sqlite.SQLiteDataSource");
        resource.setProperty("factory", "org.apache.naming.factory.BeanFactory");
        resource.setProperty("url", "jdbc:sqlite:" + db);
        resource.setProperty("journalMode", "WAL");
        resource.setProperty("busyTimeout", "5000");
        // Were the lookup to fail, the servlet would fall back to todo.db, then to ~/.todo/todo.db:
        // point the fallback into the temp dir so a failure here never writes to the home directory.
        Path fallback = dir.resolve("fallback.db");
        String before = System.setProperty("todo.db", fallback.toString());
        long id;
        try (Deployment tomcat = TomcatDeployment.start(dir, Map.of(), resource)) {
            HttpProbe http = new HttpProbe(tomcat.uri());
            id = UndeployWarTest.create(http, "{\"name\": \"in the container's database\", \"done\": false}");
            assertEquals(200, http.get("/tasks/" + id).statusCode());
            tomcat.undeploy();
            assertEquals(List.of(), StoreThreads.aliveAfterGrace(StoreThreads.EXTERNAL), "the store's writer stops on undeploy");
        } finally {
            if (before == null) {
                System.clearProperty("todo.db");
            } else {
                System.setProperty("todo.db", before);
            }
        }
        assertFalse(Files.exists(fallback), "the file fallback was used instead of the data source");
        assertEquals("wal", journalMode(db), "the resource's properties reach the data source");
        try (TaskService tasks = TaskService.open(TodoConfig.of(db))) {
            assertEquals(Optional.of(new Task(id, "in the container's database", false)), tasks.find(id));
        }
    }

    private static String journalMode(Path db) throws SQLException {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + db);
        try (Connection connection = sqlite.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA journal_mode")) {
            result.next();
            return result.getString(1);
        }
    }
}
