package io.github.todo.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@link Main} in-process with captured output, for the tests. */
final class Runs {

    private Runs() {
        // Prevent instantiation
    }

    record Outcome(int status, String out, String err) {
    }

    static Outcome main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e);
        }
        Outcome outcome = new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        // keep what the command said in the build log, so a failure explains itself
        System.out.print(outcome.out());
        System.out.print(outcome.err());
        return outcome;
    }
}
