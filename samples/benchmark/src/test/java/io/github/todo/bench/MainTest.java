package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @Test
    void no_arguments_print_the_usage_and_exit_2() {
        Runs.Outcome run = Runs.main();

        assertEquals(2, run.status());
        assertTrue(run.err().contains("Usage: java -jar todo-benchmark.jar"), run.err());
    }

    @Test
    void help_prints_the_usage_on_stdout_and_exits_0() {
        Runs.Outcome run = Runs.main("--help");

        assertEquals(0, run.status());
        assertTrue(run.out().contains("Commands:"), run.out());
        assertEquals(0, Runs.main("load", "--help").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bench",
        "seed --bogus",
        "seed --iterations",
        "seed --iterations abc",
        "seed --iterations 0",
        "seed extra",
        "seed --url ftp://example.org",
        "seed --url http://",
        "load --op nothing",
        "load --duration -1",
        "load --duration 1x",
        "load --connections=0",
        "chart --bogus x.json"
    })
    void a_bad_command_line_prints_why_and_the_usage_and_exits_2(String line) {
        Runs.Outcome run = Runs.main(line.split(" "));

        assertEquals(2, run.status(), line);
        assertTrue(run.err().startsWith("todo-benchmark: "), run.err());
        assertTrue(run.err().contains("Usage:"), run.err());
    }
}
