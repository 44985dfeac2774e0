package io.github.todo.core;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ConcurrencyTest's 32 threads of mixed work on PostgreSQL, where writes run concurrently on the
 * pool instead of queueing for one writer; in a fresh schema, skipped without a server.
 */
class PostgresConcurrencyTest extends ConcurrencyTest {

    @RegisterExtension
    static final PostgresSchema.PerTest POSTGRES = new PostgresSchema.PerTest();

    @Override
    TodoConfig.Builder store() {
        return POSTGRES.schema().config();
    }
}
