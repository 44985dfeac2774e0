package io.github.todo.standalone.reliability;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as ./run starts it (its 160 MiB heap) against 1,000 connections that each declare a
 * 1 MiB body and trickle it, and creates of the heaviest names there are, while normal clients
 * work: nothing runs out, nobody gets a 5xx. The long form ({@code tools/reliability.sh resource})
 * creates 50,000 such tasks and holds normal clients to a p99 of 50 ms; see docs/RELIABILITY.md.
 */
class ResourceJarTest {

    /** Wide, as the other CI forms' bounds, for a busy CI machine; the long form asks 50 ms. */
    static final Duration P99_BOUND = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void declared_bodies_and_heaviest_names_do_not_exhaust_the_server() throws Exception {
        Scenarios.resource(dir, 1000, 5000, P99_BOUND).assertHeld();
    }
}
