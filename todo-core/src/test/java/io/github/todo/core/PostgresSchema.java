package io.github.todo.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own on the test PostgreSQL server, so test runs never see each other's tasks;
 * dropped with everything in it on {@link #close()}. The server is the one {@value #URL_VARIABLE}
 * names or, when the variable is unset, {@value #LOCAL_URL} if a server answers there. Without
 * either (or with the variable set to {@code off}), PostgreSQL tests are skipped, and the build log
 * says so.
 */
public final class PostgresSchema implements AutoCloseable {

    /** The environment variable with the test server's JDBC URL, credentials included. */
    public static final String URL_VARIABLE = "TODO_TEST_POSTGRES_URL";

    /** The server tried when {@value #URL_VARIABLE} is unset: a local one, as CI and most developers have. */
    public static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PORT = 5432;
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String serverUrl;
    private final String name;

    private PostgresSchema(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    /**
     * The server's URL; skips the calling test (or class, from a {@code @BeforeAll}) when there is
     * none, printing one line to the build log the first time.
     */
    public static String serverUrl() {
        Server server = Server.FOUND;
        tellOnce(server);
        if (server.url == null) {
            Assumptions.abort(server.why);
        }
        return server.url;
    }

    private static void tellOnce(Server server) {
        if (TOLD.compareAndSet(false, true)) {
            System.out.println(server.url == null
                    ? "[todo] PostgreSQL tests SKIPPED: " + server.why + " (set " + URL_VARIABLE
                            + " to a JDBC URL, or start a server that takes " + LOCAL_URL + ")"
                    : "[todo] PostgreSQL tests on: " + server.why);
        }
    }

    /**
     * Where the tests' server is, looked for once per JVM: the variable wins; without it, a quick
     * TCP connect and then a real login on 127.0.0.1:5432, each with a timeout of a few seconds at
     * most, so that a machine without PostgreSQL loses no time and one with it needs no setup.
     */
    private record Server(String url, String why) {

        static final Server FOUND = find();

        private static Server find() {
            String named = System.getenv(URL_VARIABLE);
            if (named != null && named.strip().equals("off")) {
                return new Server(null, URL_VARIABLE + "=off");
            }
            if (named != null && !named.isBlank()) {
                return new Server(named.strip(), URL_VARIABLE + " is set");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOCAL_HOST, LOCAL_PORT), 1_000);
            } catch (IOException e) {
                return new Server(null, URL_VARIABLE + " is not set and nothing answers on "
                        + LOCAL_HOST + ":" + LOCAL_PORT + " (" + e.getMessage() + ")");
            }
            Properties timeouts = new Properties();
            timeouts.setProperty("connectTimeout", "2");   // seconds, as PgJDBC counts them
            timeouts.setProperty("loginTimeout", "3");
            timeouts.setProperty("socketTimeout", "5");
            try (Connection connection = DriverManager.getConnection(LOCAL_URL, timeouts)) {
                if (!connection.isValid(2)) {
                    return new Server(null, URL_VARIABLE + " is not set and the server on "
                            + LOCAL_HOST + ":" + LOCAL_PORT + " did not answer a query");
                }
            } catch (SQLException e) {
                return new Server(null, URL_VARIABLE + " is not set and the server on " + LOCAL_HOST + ":"
                        + LOCAL_PORT + " refused " + LOCAL_URL + ": " + e.getMessage());
            }
            return new Server(LOCAL_URL, URL_VARIABLE + " is not set; found " + LOCAL_URL);
        }
    }

    /** Creates a fresh, empty schema; skips the calling test when there is no server. */
    public static PostgresSchema create() {
        String url = serverUrl();
        byte[] random = new byte[5];
        RANDOM.nextBytes(random);
        String name = "todo_test_" + HexFormat.of().formatHex(random);
        PostgresSchema schema = new PostgresSchema(url, name);
        schema.onServer("CREATE SCHEMA " + name);
        return schema;
    }

    /** The server's URL with this schema as the current one. */
    public String jdbcUrl() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** A store configuration for this schema. */
    public TodoConfig.Builder config() {
        return TodoConfig.builder(jdbcUrl());
    }

    /** Runs {@code sql} in this schema. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A new connection to this schema; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() {
        onServer("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private void onServer(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            // A server was named or took a login: fail loudly rather than skip. (No URL in the
            // message: the variable's may hold a password.)
            throw new IllegalStateException("the PostgreSQL test server: " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * For test classes that need the server from {@code @BeforeAll} on: without one, the class is
     * skipped before anything in it runs, and each of its tests is counted as skipped.
     */
    public static final class Required implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Server server = Server.FOUND;
            tellOnce(server);
            return server.url == null
                    ? ConditionEvaluationResult.disabled(server.why)
                    : ConditionEvaluationResult.enabled(server.why);
        }
    }

    /**
     * For test classes that run a SQLite suite again on PostgreSQL: gives each test a fresh schema
     * before any {@code @BeforeEach} runs, dropped after every {@code @AfterEach} has. Without a
     * server each test is skipped, so the build's count of skipped tests shows them.
     */
    public static final class PerTest implements BeforeEachCallback, AfterEachCallback {

        private PostgresSchema current;

        /** The current test's schema. */
        public PostgresSchema schema() {
            return current;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            current = create();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
