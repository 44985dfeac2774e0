package io.github.todo.servlet;

import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiContractTest;
import io.github.todo.http.ApiSettings;
import io.github.todo.http.TodoApi;
import java.net.URI;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** The contract with the servlet registered by an application, under a sub-path, in embedded Tomcat. */
class TomcatServletTest extends ApiContractTest {

    private Tomcat tomcat;
    private TaskService tasks;
    private TodoApi api;

    @Override
    protected URI start(Path dir) throws Exception {
        tasks = TaskService.open(TodoConfig.of(dir.resolve("todo.db")));
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/app", dir.toString());
        api = TodoApi.create(tasks, ApiSettings.defaults());
        Tomcat.addServlet(context, "todo", new TodoServlet(api));
        context.addServletMappingDecoded("/todo/*", "todo");
        tomcat.start();
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app/todo");
    }

    @Override
    protected void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        api.close();
        tasks.close();
    }
}
