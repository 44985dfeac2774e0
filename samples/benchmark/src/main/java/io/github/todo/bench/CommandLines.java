package io.github.todo.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** What the commands share about their command line: range checks, seconds, and the answer to a bad one. */
final class CommandLines {

    private CommandLines() {
        // Prevent instantiation
    }

    /** A whole number of at least {@code min}. */
    static int atLeast(String option, int value, int min) throws UsageException {
        if (value < min) {
            throw new UsageException(option + " cannot be less than " + min + ", got " + value);
        }
        return value;
    }

    /** Seconds of at least {@code min}. */
    static double atLeast(String option, double seconds, double min) throws UsageException {
        if (seconds < min) {
            throw new UsageException(option + " cannot be less than " + min + " s, got " + seconds);
        }
        return seconds;
    }

    /** Seconds, fractions allowed, with or without an {@code s}: {@code 10s} reads like wrk's {@code -d10s}. */
    static final class Seconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            String number = text.strip();
            if (number.endsWith("s")) {
                number = number.substring(0, number.length() - 1);
            }
            try {
                double value = Double.parseDouble(number);
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    throw new NumberFormatException(text);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a number of seconds, got '" + text + "'");
            }
        }
    }

    /**
     * Prints why the command line cannot run, a "Did you mean" where one is near, and the
     * command's usage, all on stderr; the status is 2.
     */
    static int usageError(CommandLine command, String message, ParameterException e) {
        PrintWriter err = command.getErr();
        err.println("todo-benchmark: " + unknownCommand(e).orElse(message));
        List<String> suggestions = suggestions(e);
        if (!suggestions.isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
        }
        err.println();
        command.usage(err);
        err.flush();
        return 2;
    }

    /** picocli says "Unmatched argument at index 0: 'bench'" for a word where a command goes. */
    private static Optional<String> unknownCommand(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && !e.getCommandLine().getSubcommands().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            if (!word.startsWith("-")) {
                return Optional.of("unknown command '" + word + "'");
            }
        }
        return Optional.empty();
    }

    /**
     * picocli's own suggestions (a command or option much like the unknown one), else the option
     * closest to it. Its {@code printSuggestions} would name commands by their full name,
     * {@code java -jar todo-benchmark.jar seed}.
     */
    private static List<String> suggestions(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched)) {
            return List.of();
        }
        List<String> similar = unmatched.getSuggestions();
        if (!similar.isEmpty()) {
            return similar;
        }
        String closest = closestOption(e);
        return closest != null ? List.of(closest) : List.of();
    }

    /**
     * picocli suggests options by their first letters only: {@code --iteration} finds nothing.
     * This finds the option within two edits of an unknown {@code --name[=value]}.
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
        for (String name : List.copyOf(e.getCommandLine().getCommandSpec().optionsMap().keySet())) {
            int distance = distance(given, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein's edit distance. */
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
}
