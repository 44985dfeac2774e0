package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latency} against a real server process (the test tree's in-memory peer, run as a JVM of
 * its own) in the tool's namespace. Needs root and iproute2, as CI has; elsewhere it is skipped
 * and says so.
 */
class LatencyCommandTest {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final double RTT = 5;

    @TempDir
    Path dir;

    @Test
    void ms_per_operation_rises_by_the_round_trip_time_and_nothing_is_left_behind() {
        Optional<String> missing = Namespaces.missing();
        if (missing.isPresent()) {
            System.err.println("SKIPPED LatencyCommandTest: latency needs root and iproute2 (ip, tc); missing " + missing.get());
        }
        Assumptions.assumeTrue(missing.isEmpty(), "latency needs root and iproute2");
        String marker = "-Dlatency.test=" + UUID.randomUUID();
        String links = Namespaces.run("ip", "-o", "link", "show");
        Path out = dir.resolve("latency.json");

        Runs.Outcome run = Runs.main("latency", "--command", JAVA + " " + marker + " -cp " + System.getProperty("java.class.path")
                        + " " + InMemoryTodoServer.class.getName() + " {PORT}",
                "--rtt", "0," + LatencyCommand.number(RTT), "--iterations", "200", "--threads", "4", "--out", out.toString());

        assertEquals(0, run.status(), run.err());
        JsonObject result = JsonFiles.readObject(out);
        assertEquals(InMemoryTodoServer.NAME, result.get("server").getAsString());
        JsonObject seed = result.getAsJsonObject("seed");
        double rise = seed.getAsJsonObject(LatencyCommand.number(RTT)).get("single_ms").getAsDouble()
                - seed.getAsJsonObject("0").get("single_ms").getAsDouble();
        // one request per operation, so one round trip more each; the upper bound leaves room for a noisy machine
        assertTrue(rise > 0.8 * RTT && rise < 2 * RTT + 2, "ms/op rose by " + rise + " for an RTT of " + RTT + " ms: " + seed);

        assertFalse(Namespaces.list().contains(Namespaces.ownName()), Namespaces.list().toString());
        assertEquals(links, Namespaces.run("ip", "-o", "link", "show"));
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(marker)).toList();
        assertTrue(left.isEmpty(), "still running: " + left);
    }

    @Test
    void loss_over_the_relay_is_a_usage_error() {
        Runs.Outcome run = Runs.main("latency", "--command", "server {PORT}", "--link", "relay", "--loss", "1");

        assertEquals(2, run.status());
        assertTrue(run.err().contains("--loss needs netem"), run.err());
    }

    @Test
    void a_command_without_a_port_is_a_usage_error() {
        Runs.Outcome run = Runs.main("latency", "--command", "java -jar todo.jar");

        assertEquals(2, run.status());
        assertTrue(run.err().contains("--command must contain {PORT}"), run.err());
    }
}
