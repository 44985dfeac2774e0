package io.github.todo.core.internal;

import io.github.todo.core.IncompatibleStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the store runs on. Each is also the MyBatis {@code databaseId}, so a statement in
 * TaskMapper.xml may have a variant for one of them.
 */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String databaseId;

    Dialect(String databaseId) {
        this.databaseId = databaseId;
    }

    public String databaseId() {
        return databaseId;
    }

    /**
     * The dialect of the database behind {@code connection}, from its metadata: a data source from a
     * container may be either.
     *
     * @throws IncompatibleStoreException for any other database
     */
    public static Dialect of(Connection connection, Object where) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (lower.contains("sqlite")) {
            return SQLITE;
        }
        // PostgreSQL-compatible engines that speak its protocol through pgjdbc report "PostgreSQL" too.
        if (lower.contains("postgresql")) {
            return POSTGRESQL;
        }
        throw new IncompatibleStoreException(where + " is " + product + "; todo stores tasks in SQLite or PostgreSQL");
    }
}
