package io.github.todo.standalone.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The long forms of the reliability tests, run by hand or by {@code tools/reliability.sh}:
 *
 * <pre>
 * Reliability crash        [--kills 20] [--synchronous normal|full|both] [--seed N]
 * Reliability load         [--seconds 60] [--connections 256] [--p99-bound-ms 2000]
 * Reliability bad-input    [--requests 100000] [--slow 500]
 * Reliability slow-clients [--connections 500] [--seconds 60] [--request-timeout-ms 2000] [--p99-bound-ms 500]
 * Reliability resource     [--connections 1000] [--creates 50000] [--p99-bound-ms 50]
 * Reliability all          every scenario above with its defaults
 * common options:          [--jar target/todo-standalone.jar] [--dir DIR] [--server-jvm "-Xmx256m ..."]
 * </pre>
 *
 * Prints what each scenario measured and each broken guarantee, then one line
 * "N passed, M failed"; exits 1 when a guarantee broke. The work folder is kept then, with the
 * server logs and databases.
 */
public final class Reliability {

    private static final List<String> SCENARIOS = List.of("crash", "load", "bad-input", "slow-clients", "resource");

    private final Map<String, String> options;
    private int passed;
    private int failed;

    private Reliability(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(SCENARIOS.contains(args[0]) || args[0].equals("all"))) {
            System.err.println("usage: Reliability crash|load|bad-input|slow-clients|resource|all [--option value ...]; see docs/RELIABILITY.md");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (options.containsKey("jar")) {
            System.setProperty(JarProcess.JAR_PROPERTY, options.get("jar"));
        }
        if (options.containsKey("server-jvm")) {
            System.setProperty(JarProcess.JVM_PROPERTY, options.get("server-jvm"));
        }
        Path dir = options.containsKey("dir") ? Files.createDirectories(Path.of(options.get("dir")))
                : Files.createTempDirectory("todo-reliability-");
        Reliability run = new Reliability(options);
        for (String scenario : args[0].equals("all") ? SCENARIOS : List.of(args[0])) {
            run.scenario(scenario, Files.createDirectories(dir.resolve(scenario)));
        }
        System.out.println(run.passed + " passed, " + run.failed + " failed");
        if (run.failed > 0) {
            System.out.println("server logs and databases kept in " + dir);
            System.exit(1);
        }
        deleteRecursively(dir);
    }

    private void scenario(String name, Path dir) throws Exception {
        List<Scenarios.Outcome> outcomes = new ArrayList<>();
        switch (name) {
            case "crash" -> {
                String modes = option("synchronous", "both");
                for (String mode : modes.equals("both") ? List.of("normal", "full") : List.of(modes)) {
                    outcomes.add(Scenarios.crash(dir, mode, (int) number("kills", 20), number("seed", System.nanoTime()), System.out));
                }
            }
            case "load" -> outcomes.add(Scenarios.load(dir, (int) number("connections", 256), Duration.ofSeconds(number("seconds", 60)),
                    Duration.ofMillis(number("p99-bound-ms", 2000)), System.out));
            case "bad-input" -> outcomes.add(Scenarios.badInput(dir, (int) number("requests", 100_000), (int) number("slow", 500)));
            case "resource" -> outcomes.add(Scenarios.resource(dir, (int) number("connections", 1000), (int) number("creates", 50_000),
                    Duration.ofMillis(number("p99-bound-ms", 50))));
            default -> {
                for (boolean bodies : new boolean[] {false, true}) {
                    outcomes.add(Scenarios.slowClients(dir, (int) number("connections", 500), bodies,
                            Duration.ofSeconds(number("seconds", 60)), Duration.ofMillis(number("request-timeout-ms", 2000)),
                            Duration.ofMillis(number("p99-bound-ms", 500))));
                }
            }
        }
        for (Scenarios.Outcome outcome : outcomes) {
            System.out.println(outcome.summary());
            outcome.broken().forEach(broken -> System.out.println("  BROKEN: " + broken));
            if (outcome.broken().isEmpty()) {
                passed++;
            } else {
                failed++;
            }
        }
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private long number(String name, long fallback) {
        return Long.parseLong(option(name, String.valueOf(fallback)));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
