package io.github.todo.standalone.reliability;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI form of the bad-input flood: 10,000 malformed requests drawn by jqwik, and 50 slow
 * senders, against the real jar. The long form ({@code tools/reliability.sh bad-input}) sends
 * 100,000; see docs/RELIABILITY.md.
 */
class BadInputJarTest {

    @TempDir
    Path dir;

    @Test
    void malformed_requests_get_no_5xx_and_no_hang_and_the_server_still_answers_at_once() throws Exception {
        Scenarios.badInput(dir, 10_000, 50).assertHeld();
    }
}
