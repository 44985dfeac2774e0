package io.github.todo.standalone.reliability;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI form of the crash trials: three {@code kill -9} rounds under 16 writers per synchronous
 * mode. The long form ({@code tools/reliability.sh crash}) runs twenty or more; see docs/RELIABILITY.md.
 */
class CrashJarTest {

    static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void acknowledged_writes_survive_kill_9_with_synchronous_normal() throws Exception {
        Scenarios.crash(dir, "normal", KILLS, System.nanoTime(), System.out).assertHeld();
    }

    @Test
    void acknowledged_writes_survive_kill_9_with_synchronous_full() throws Exception {
        Scenarios.crash(dir, "full", KILLS, System.nanoTime(), System.out).assertHeld();
    }
}
