package io.github.todo.standalone;

import io.github.todo.core.TodoException;
import io.github.todo.settings.Options;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code todo} command: {@code java -jar todo-standalone.jar --help}. Exit codes: 0 after a
 * clean shutdown (SIGTERM or SIGINT) or a finished command, 1 when the server cannot start or a
 * command fails, 2 for a bad command line.
 */
public final class Main {

    private Main() {
        // Prevent instantiation
    }

    public static void main(String[] args) {
        int code = 1;
        try {
            code = run(args, System::getenv, System.out, System.err, new CountDownLatch(1));
        } catch (Throwable unexpected) {
            System.err.println("todo: stopped by an unexpected error: " + unexpected);
        } finally {
            // Always end the JVM: Undertow's threads would otherwise keep a half-stopped server alive.
            System.exit(code);
        }
    }

    /** Runs the command; returns the exit code. A started server runs until a signal arrives. */
    static int run(String[] args, UnaryOperator<String> environment, PrintStream out, PrintStream err, CountDownLatch stopped) {
        return commandLine(environment, out, err, stopped).execute(args);
    }

    /** The commands, their options added from the settings model, and how errors end them. */
    static CommandLine commandLine(UnaryOperator<String> environment, PrintStream out, PrintStream err, CountDownLatch stopped) {
        CommandLine commands = new CommandLine(new TodoCommand(environment, out, err, stopped));
        ServeCommand.addOptions(commands.getCommandSpec());
        commands.getSubcommands().values().forEach(sub -> {
            if (sub.getCommandSpec().userObject() instanceof CommandWithOptions command) {
                CommandOptions.add(sub.getCommandSpec(), command.options());
            }
        });
        commands.setCaseInsensitiveEnumValuesAllowed(true);
        commands.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commands.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commands.setParameterExceptionHandler((ParameterException e, String[] given) -> {
            PrintWriter writer = e.getCommandLine().getErr();
            writer.println("todo: " + e.getMessage());
            if (!UnmatchedArgumentException.printSuggestions(e, writer)) {
                String closest = closestOption(e);
                if (closest != null) {
                    writer.println("Did you mean: " + closest + "?");
                }
            }
            writer.println();
            e.getCommandLine().usage(writer);
            return 2;
        });
        commands.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter writer = command.getErr();
            writer.println("todo: " + describe(e));
            if (Arrays.asList(parsed.originalArgs()).contains(Options.DEBUG.flag())
                    || "true".equalsIgnoreCase(environment.apply(Options.DEBUG.environmentVariable()))) {
                e.printStackTrace(writer);
            }
            writer.flush();
            return 1;
        });
        return commands;
    }

    /**
     * picocli suggests options by their first letters only: {@code --prot} finds nothing. This
     * finds the option within two edits of an unknown {@code --name[=value]}.
     */
    private static String closestOption(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return null;
        }
        String given = unmatched.getUnmatched().get(0).split("=", 2)[0];
        if (!given.startsWith("--")) {
            return null;
        }
        String best = null;
        int bestDistance = 3;
        for (String name : e.getCommandLine().getCommandSpec().optionsMap().keySet()) {
            int distance = distance(given, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein's edit distance, transpositions counted as two. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** One line for a failure: the message a user can act on, without the exception's class for our own. */
    static String describe(Throwable e) {
        if (e instanceof TodoException || e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException) {
            return e.getMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
