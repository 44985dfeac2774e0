package io.github.todo.standalone.reliability;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 connections send their headers (or, after complete headers, their bodies) one byte per second
 * for 6 s while normal clients go on working; the server's request timeout (2 s here, 30 s by
 * default) closes the slow ones. The long form ({@code tools/reliability.sh slow-clients}) keeps
 * them up for 60 s; see docs/RELIABILITY.md.
 */
class SlowClientsJarTest {

    /** Normal requests must never wait for a slow client's timeout; here p99 is about 20 ms. */
    static final Duration P99_BOUND = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void slow_header_senders_do_not_stop_normal_clients_and_are_closed_by_the_request_timeout() throws Exception {
        Scenarios.slowClients(dir, 500, false, Duration.ofSeconds(6), Duration.ofSeconds(2), P99_BOUND).assertHeld();
    }

    @Test
    void slow_body_senders_do_not_stop_normal_clients_and_are_closed_by_the_request_timeout() throws Exception {
        Scenarios.slowClients(dir, 500, true, Duration.ofSeconds(6), Duration.ofSeconds(2), P99_BOUND).assertHeld();
    }
}
