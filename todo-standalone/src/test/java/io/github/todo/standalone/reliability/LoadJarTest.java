package io.github.todo.standalone.reliability;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI form of the load test: 256 connections of mixed CRUD for 10 s against the real jar. The
 * long form ({@code tools/reliability.sh load}) runs 60 s; see docs/RELIABILITY.md.
 */
class LoadJarTest {

    /** Far above what this test shows (about 100 ms on a busy 2-core machine), to stay green on a slower one. */
    static final Duration P99_BOUND = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void mixed_crud_on_256_connections_gets_no_5xx_no_connection_error_and_no_lock_error() throws Exception {
        Scenarios.load(dir, 256, Duration.ofSeconds(10), P99_BOUND, null).assertHeld();
    }
}
