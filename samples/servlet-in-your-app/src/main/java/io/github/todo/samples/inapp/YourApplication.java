package io.github.todo.samples.inapp;

import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import io.github.todo.http.TodoApi;
import io.github.todo.servlet.TodoServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * An application that already runs an embedded Tomcat for its own pages and adds the todo API
 * under {@code /todo}: open a store, wrap it in a {@link TodoApi}, register a {@link TodoServlet}.
 * The application owns the store and closes it when it stops.
 */
public final class YourApplication implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final TaskService tasks;

    /** Starts on {@code port} (0 picks one) with the tasks in {@code database}. */
    public YourApplication(int port, Path database) throws LifecycleException {
        tasks = TaskService.open(TodoConfig.of(database));
        tomcat.setBaseDir(database.toAbsolutePath().getParent().resolve("tomcat").toString());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);

        // the application's own servlet
        Tomcat.addServlet(context, "home", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().print("Your application's home page");
            }
        });
        context.addServletMappingDecoded("", "home");

        // the todo API under /todo/*: GET /todo/tasks, POST /todo/tasks, ...
        Tomcat.addServlet(context, "todo", new TodoServlet(TodoApi.create(tasks, ApiSettings.defaults())));
        context.addServletMappingDecoded("/todo/*", "todo");

        tomcat.start();
    }

    /** The port Tomcat listens on. */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
        tasks.close();
    }

    public static void main(String[] args) throws Exception {
        YourApplication app = new YourApplication(8080, Path.of(args.length > 0 ? args[0] : "todo.db"));
        System.out.println("http://127.0.0.1:" + app.port() + "/ and the todo API at http://127.0.0.1:" + app.port() + "/todo/tasks");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (LifecycleException e) {
                e.printStackTrace();
            }
        }));
        app.tomcat.getServer().await();
    }
}
