package io.github.todo.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The entry point of {@code todo-benchmark.jar}: {@code seed}, {@code load}, {@code chart},
 * {@code startup} and {@code jmh}. Run it with {@code --help}, or a command with {@code --help},
 * for the usage.
 *
 * <p>Exit status: 0 success, 1 the benchmark failed (non-2xx, server unreachable, errors under
 * load), 2 a bad command line.
 */
public final class Main {

    private Main() {
        // Prevent instantiation
    }

    /** Runs the command and exits the JVM with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs one command without exiting, so it can be tested.
     *
     * @param args the command and its flags, e.g. {@code seed --url http://127.0.0.1:8080}
     * @return the exit status: 0 success, 1 benchmark failure, 2 bad command line
     */
    public static int run(String... args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The commands, and how a bad command line (2) and a failed benchmark (1) end them. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine commands = new CommandLine(new BenchmarkCommand(out, err));
        // JMH parses its own flags: everything after "jmh" goes to it as it is
        commands.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
        commands.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commands.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commands.setParameterExceptionHandler((e, given) -> CommandLines.usageError(e.getCommandLine(), e.getMessage(), e));
        commands.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof UsageException) {
                return CommandLines.usageError(command, e.getMessage(), null);
            }
            // our own failures are one line a user can act on; JMH's RunnerException and the like keep their class
            command.getErr().println("todo-benchmark: " + (e instanceof BenchmarkException ? e.getMessage() : e.toString()));
            command.getErr().flush();
            return 1;
        });
        return commands;
    }
}
