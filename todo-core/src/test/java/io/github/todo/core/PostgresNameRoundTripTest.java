package io.github.todo.core;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every NameRoundTripTest name on PostgreSQL, each test in a fresh schema; skipped without a server. */
class PostgresNameRoundTripTest extends NameRoundTripTest {

    @RegisterExtension
    static final PostgresSchema.PerTest POSTGRES = new PostgresSchema.PerTest();

    @Override
    TodoConfig.Builder store() {
        return POSTGRES.schema().config();
    }
}
