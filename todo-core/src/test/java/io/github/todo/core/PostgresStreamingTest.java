package io.github.todo.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * StreamingTest on PostgreSQL: the driver must read through a server-side cursor, or it would hold
 * all 200,000 rows at once and break the heap bound.
 */
class PostgresStreamingTest extends StreamingTest {

    @RegisterExtension
    static final PostgresSchema.PerTest POSTGRES = new PostgresSchema.PerTest();

    @Override
    TodoConfig.Builder store() {
        return POSTGRES.schema().config();
    }

    @Override
    void fill() throws Exception {
        try (Connection connection = POSTGRES.schema().connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO tasks (name, done) SELECT ? || g, g % 2 = 1 FROM generate_series(0, ? - 1) g")) {
            insert.setString(1, NAME);
            insert.setInt(2, ROWS);
            insert.executeUpdate();
        }
    }
}
