package io.github.todo.core;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every TaskServiceTest test against the client, over HTTP, to a real server whose store is
 * PostgreSQL (each test in a fresh schema); skipped, and says so, without a PostgreSQL server.
 */
class PostgresClientTaskServiceTest extends ClientTaskServiceTest {

    @RegisterExtension
    static final PostgresSchema.PerTest POSTGRES = new PostgresSchema.PerTest();

    @Override
    TodoConfig.Builder store() {
        return POSTGRES.schema().config();
    }
}
