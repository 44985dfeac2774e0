package io.github.todo.core;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own on the PostgreSQL server that {@value #URL_VARIABLE} names, so test runs
 * never see each other's tasks; dropped with everything in it on {@link #close()}. Without the
 * variable, PostgreSQL tests are skipped, and the build log says so.
 */
public final class PostgresSchema implements AutoCloseable {

    /** The environment variable with the test server's JDBC URL, credentials included. */
    public static final String URL_VARIABLE = "TODO_TEST_POSTGRES_URL";

    private static final String SKIPPED = URL_VARIABLE + " is not set: PostgreSQL tests skipped";
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String serverUrl;
    private final String name;

    private PostgresSchema(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    /**
     * The server's URL; skips the calling test (or class, from a {@code @BeforeAll}) when it is not
     * set, printing one line to the build log the first time.
     */
    public static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            tellOnce();
            Assumptions.abort(SKIPPED);
        }
        return url.trim();
    }

    private static void tellOnce() {
        if (TOLD.compareAndSet(false, true)) {
            System.out.println("[todo] PostgreSQL tests SKIPPED: " + URL_VARIABLE + " is not set (for example "
                    + URL_VARIABLE + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres; .ci/run sets it when a server answers)");
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
            // The variable is set, so a server was promised: fail loudly rather than skip.
            throw new IllegalStateException(URL_VARIABLE + " is set but " + sql + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * For test classes that need the server from {@code @BeforeAll} on: without one, the class is
     * skipped before anything in it runs, and each of its tests is counted as skipped.
     */
    public static final class Required implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv(URL_VARIABLE);
            if (url == null || url.isBlank()) {
                tellOnce();
                return ConditionEvaluationResult.disabled(SKIPPED);
            }
            return ConditionEvaluationResult.enabled(URL_VARIABLE + " is set");
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
