package io.github.todo.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.todo.core.PageRequest;
import io.github.todo.core.PostgresSchema;
import io.github.todo.core.TaskService;
import io.github.todo.http.HttpProbe;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet as a container deploys it, configured for PostgreSQL by init-params: it opens the
 * database at init, serves, and closes its pool at destroy. Skipped without a PostgreSQL server.
 */
@ExtendWith(PostgresSchema.Required.class)
class TomcatPostgresTest {

    @TempDir
    Path dir;

    @Test
    void init_params_with_a_jdbc_url_open_postgresql() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(dir.toString());
            tomcat.setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context context = tomcat.addContext("/todo", dir.toString());
            Wrapper servlet = Tomcat.addServlet(context, "todo", new TodoServlet());
            servlet.addInitParameter("todo.jdbcUrl", schema.jdbcUrl());
            servlet.addInitParameter("todo.poolSize", "2");
            servlet.setLoadOnStartup(1);
            context.addServletMappingDecoded("/*", "todo");
            tomcat.start();
            try {
                HttpProbe http = new HttpProbe(URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/todo"));
                HttpResponse<String> created = http.json("POST", "/tasks", "{\"name\": \"from the war\", \"done\": false}");
                assertEquals(201, created.statusCode(), created.body());
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
            try (TaskService tasks = TaskService.open(schema.config().build())) {
                assertEquals("from the war", tasks.list(PageRequest.first(1)).tasks().get(0).name());
            }
        }
    }
}
