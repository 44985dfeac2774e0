package io.github.todo.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jmh}: hands every argument to JMH's own command line, {@code -h} included, so JMH's
 * flags work as documented. JMH exits by itself when they are wrong or a run fails.
 */
@Command(name = "jmh",
        description = {"JMH benchmarks of todo-core against plain JDBC, with JMH's own flags (jmh -h lists them).",
            "For example: jmh -f 1 -wi 3 -i 5 TaskServiceBenchmark.readById"})
final class JmhCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JMH-ARGS", arity = "0..*", description = "passed to JMH as they are")
    List<String> arguments = List.of();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(arguments.toArray(String[]::new));
        return 0;
    }
}
