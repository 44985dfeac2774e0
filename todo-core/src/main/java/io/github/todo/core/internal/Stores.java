package io.github.todo.core.internal;

import io.github.todo.core.TodoConfig;
import io.github.todo.core.internal.postgres.PostgresStore;
import io.github.todo.core.internal.sqlite.SqliteStore;
import java.sql.Connection;
import java.sql.SQLException;

/** Opens the {@link Store} for a configuration: the one place that chooses the backend. */
final class Stores {

    private Stores() {
        // Prevent instantiation
    }

    static Store open(TodoConfig config) {
        try {
            return config.databaseFile() != null ? SqliteStore.open(config)
                    : config.jdbcUrl() != null ? PostgresStore.open(config)
                    : overDataSource(config);
        } catch (RuntimeException | SQLException e) {
            if (StoreErrors.isNotADatabase(e)) {
                throw StoreErrors.notADatabase(config.databaseFile(), e);
            }
            throw StoreErrors.wrap("cannot open " + config.location(), e);
        }
    }

    /** An application's DataSource: the database says which it is. */
    private static Store overDataSource(TodoConfig config) throws SQLException {
        String name = "todo[external]";
        Connection first = config.dataSource().getConnection();
        try {
            Dialect dialect = Dialect.of(first, config.location());
            Migrations.apply(first, dialect, config.location());
            return dialect == Dialect.SQLITE ? SqliteStore.overDataSource(name, config, first)
                    : PostgresStore.overDataSource(name, config, first);
        } catch (RuntimeException | SQLException e) {
            Closeables.closeQuietly(first);
            throw e;
        }
    }
}
