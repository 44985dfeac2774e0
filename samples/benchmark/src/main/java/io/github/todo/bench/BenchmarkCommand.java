package io.github.todo.bench;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code todo-benchmark}: the commands, and the output streams they share. Without a command, the usage and 2. */
@Command(name = "java -jar todo-benchmark.jar", synopsisSubcommandLabel = "COMMAND",
        description = "Benchmarks todo and its peer servers: the seed article's client protocol, server-bound load, "
            + "charts of the results, start-up time and memory, and JMH benchmarks of todo-core.",
        subcommands = {SeedCommand.class, LoadCommand.class, ChartCommand.class, StartupCommand.class, LatencyCommand.class,
            JmhCommand.class,
            HelpCommand.class},
        footer = {"", "Run a command with --help for its flags, e.g. java -jar todo-benchmark.jar load --help.",
            "", "Exit status: 0 success, 1 benchmark failed (non-2xx, errors, server unreachable), 2 bad command line."})
final class BenchmarkCommand implements Callable<Integer> {

    final PrintStream out;
    final PrintStream err;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    BenchmarkCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
