package io.github.todo.servlet;

import io.github.todo.core.TodoConfig;
import io.github.todo.http.ApiSettings;
import io.github.todo.settings.Options;
import io.github.todo.settings.Settings;
import jakarta.servlet.ServletConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a deployed {@link TodoServlet} finds its settings, first match wins: servlet init-params,
 * context-params (both as {@code todo.db}, {@code todo.jdbcUrl}, {@code todo.poolSize}, ...), for
 * the database a container DataSource at {@value #JNDI_NAME} (SQLite or PostgreSQL), then system
 * properties, environment variables ({@code TODO_DB}, {@code TODO_JDBC_URL}, ...), and last a
 * default file, {@code ~/.todo/<context>.db}. A properties file named by {@code todo.config} (or
 * {@code TODO_CONFIG}) comes after all of them but the default file.
 */
final class ServletSettings {

    static final String JNDI_NAME = "java:comp/env/jdbc/todo";
    private static final Logger LOG = LoggerFactory.getLogger(ServletSettings.class);

    private final Settings params;
    private final Settings all;
    private final ServletConfig config;

    private ServletSettings(ServletConfig config) {
        this.config = config;
        UnaryOperator<String> servletParams = Settings.parameters(name -> {
            String value = config.getInitParameter(name);
            return value != null ? value : config.getServletContext().getInitParameter(name);
        });
        this.params = Settings.from(servletParams);
        this.all = Settings.from(servletParams, Settings.systemProperties(), Settings.environment(System::getenv));
        all.applySqliteTmpdir();
    }

    static ServletSettings resolve(ServletConfig config) {
        return new ServletSettings(config);
    }

    TodoConfig store() {
        if (!params.isSet(Options.DB) && !params.isSet(Options.JDBC_URL)) {
            DataSource container = lookupDataSource();
            if (container != null) {
                return all.applyTo(TodoConfig.builder(container)).build();
            }
        }
        return all.store(this::defaultFile).build();
    }

    ApiSettings api() {
        return all.api();
    }

    private Path defaultFile() {
        String context = config.getServletContext().getContextPath();
        String name = context.isEmpty() ? "ROOT" : context.substring(1).replace('/', '#');
        Path file = Path.of(System.getProperty("user.home"), ".todo", name + ".db");
        LOG.info("no database configured ({} / {} / {}): using {}", Options.DB.systemProperty(),
                JNDI_NAME, Options.DB.environmentVariable(), file);
        return file;
    }

    private static DataSource lookupDataSource() {
        try {
            Object found = new InitialContext().lookup(JNDI_NAME);
            return found instanceof DataSource dataSource ? dataSource : null;
        } catch (NamingException | RuntimeException absent) {
            return null; // no JNDI in this container, or nothing bound: the usual case
        }
    }
}
