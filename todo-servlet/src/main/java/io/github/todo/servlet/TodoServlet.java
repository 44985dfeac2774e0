package io.github.todo.servlet;

import io.github.todo.core.TaskService;
import io.github.todo.core.TodoConfig;
import io.github.todo.http.TodoApi;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the todo API. Deployed by a container (see the WAR in {@code samples/war}) it opens its
 * own store from {@link ServletSettings} in {@link #init()} and closes it in {@link #destroy()}.
 * Registered by an application with {@link #TodoServlet(TodoApi)}, it serves that API and leaves
 * the API and the store to the application, which closes them.
 */
public class TodoServlet extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TodoServlet.class);

    private transient TodoApi api;
    private transient TaskService ownedStore;

    /** For containers: the store is opened from the servlet's configuration at init. */
    public TodoServlet() {
    }

    /** For applications: serves {@code api}, whose store the application opens and closes. */
    public TodoServlet(TodoApi api) {
        this.api = api;
    }

    @Override
    public void init() throws ServletException {
        if (api != null) {
            return;
        }
        try {
            ServletSettings settings = ServletSettings.resolve(getServletConfig());
            TodoConfig config = settings.store();
            ownedStore = TaskService.open(config);
            api = TodoApi.create(ownedStore, settings.api());
            LOG.info("todo API ready at {} over {}", getServletContext().getContextPath() + "/",
                    config.dataSource() != null ? "JNDI " + ServletSettings.JNDI_NAME : config.location());
        } catch (RuntimeException e) {
            // Unavailable, not a plain ServletException: the container answers 503, not a 500 page
            UnavailableException unavailable = new UnavailableException("todo could not start: " + e.getMessage());
            unavailable.initCause(e);
            throw unavailable;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletExchange exchange = new ServletExchange(request, response);
        try {
            api.handle(exchange);
            exchange.discardRestOfBody();
        } catch (IOException e) {
            // the client went away, or a streamed list broke off; the container drops the connection
            LOG.debug("response to {} {} aborted: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            throw e;
        }
    }

    @Override
    public void destroy() {
        if (ownedStore != null) {
            api.close(); // ours too, built in init(): its metrics hook the JVM and would pin this class loader
            ownedStore.close();
            ownedStore = null;
            deregisterOurDrivers();
        }
    }

    /** sqlite-jdbc and the PostgreSQL driver register with DriverManager; a WAR must undo that or it leaks its class loader. */
    private void deregisterOurDrivers() {
        ClassLoader ours = getClass().getClassLoader();
        if (ours == ClassLoader.getSystemClassLoader()) {
            return; // not a web application's loader: the application owns its drivers
        }
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.warn("could not deregister JDBC driver {}", driver, e);
                }
            }
        }
    }
}
