package io.github.todo.core.internal.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.todo.core.TodoConfig;

/** Everything PostgreSQL-specific about opening a database from a JDBC URL. */
final class PostgresqlSetup {

    private PostgresqlSetup() {
        // Prevent instantiation
    }

    /**
     * The pool that serves reads and writes alike. It fails at once when the database cannot be
     * reached, so a misconfigured server never starts.
     */
    static HikariDataSource pool(String name, TodoConfig config) {
        long busyMillis = config.busyTimeout().toMillis();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        // Named, not looked up through DriverManager, which in a WAR may not see the webapp's driver.
        hikari.setDriverClassName("org.postgresql.Driver");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(config.poolSize());
        hikari.setConnectionTimeout(Math.max(250, busyMillis));
        // busyTimeout means what it means on SQLite: how long a statement waits for another's lock.
        // At least 1 ms, as 0 would mean "forever" to PostgreSQL. Our own number: nothing to quote.
        hikari.setConnectionInitSql("SET lock_timeout = " + Math.max(1, busyMillis));
        // Lets an operator tell our sessions apart in pg_stat_activity; a URL parameter overrides it.
        hikari.addDataSourceProperty("ApplicationName", "todo");
        return new HikariDataSource(hikari);
    }

    /** {@code todo[host:5432/db]}: the URL without its scheme and parameters, so never a password. */
    static String name(String jdbcUrl) {
        String rest = jdbcUrl.substring(TodoConfig.POSTGRESQL_URL_PREFIX.length());
        int query = rest.indexOf('?');
        rest = query < 0 ? rest : rest.substring(0, query);
        return "todo[" + (rest.startsWith("//") ? rest.substring(2) : rest) + "]";
    }
}
