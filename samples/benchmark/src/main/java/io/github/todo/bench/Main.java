package io.github.todo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code todo-benchmark.jar}: {@code seed}, {@code load}, {@code chart},
 * {@code startup} and {@code jmh}. Run it without arguments or with {@code --help} for the usage.
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
        if (args.length == 0) {
            err.print(usage());
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "seed":
                    return SeedCommand.run(rest, out, err);
                case "load":
                    return LoadCommand.run(rest, out, err);
                case "chart":
                    return ChartCommand.run(rest, out, err);
                case "startup":
                    return StartupCommand.run(rest, out, err);
                case "jmh":
                    // JMH parses its own flags and exits by itself when they are wrong or a run fails.
                    org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
                    return 0;
                case "--help", "-h", "help":
                    out.print(usage());
                    return 0;
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            err.println("todo-benchmark: " + e.getMessage());
            err.print(usage());
            return 2;
        } catch (BenchmarkException e) {
            err.println("todo-benchmark: " + e.getMessage());
            return 1;
        } catch (Exception e) { // JMH declares RunnerException and IOException
            err.println("todo-benchmark: " + e);
            return 1;
        }
    }

    /** The usage text, kept in a resource so that this class stays about dispatching. */
    static String usage() {
        try (InputStream in = Main.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
