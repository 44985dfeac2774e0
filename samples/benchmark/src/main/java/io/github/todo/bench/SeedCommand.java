package io.github.todo.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code seed}: flags, {@code GET /info}, the {@link SeedBenchmark}, the result file. */
final class SeedCommand {

    static final String DEFAULT_URL = "http://localhost:8000";

    private SeedCommand() {
        // Prevent instantiation
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Flags flags = Flags.parse(args, Set.of("--url", "--iterations", "--threads", "--out"),
                Set.of("--progress", "--help"), false);
        if (flags.has("--help")) {
            out.print(Main.usage());
            return 0;
        }
        int iterations = flags.integer("--iterations", 10_000, 1);
        int threads = flags.integer("--threads", 10, 1);
        SeedClient client = new SeedClient(Urls.http(flags.string("--url", DEFAULT_URL)).toString());

        String server = info(client, flags);
        out.println("Server name: " + server);
        out.println("Running benchmark with " + iterations + " iterations for each operation");
        out.println("Using " + threads + " parallel requests for multi-threaded tests");
        Map<String, Map<String, Double>> results;
        try (ProgressBar progress = System.console() != null || flags.has("--progress")
                ? ProgressBar.on(err) : ProgressBar.disabled()) {
            results = new SeedBenchmark(client, iterations, threads, progress, out).run();
        }
        Path file = Path.of(flags.string("--out", "benchmark_results_" + JsonFiles.safeName(server) + ".json"));
        JsonFiles.write(file, results);
        out.println("Results saved to " + file);
        return 0;
    }

    private static String info(SeedClient client, Flags flags) {
        try {
            return client.info();
        } catch (BenchmarkException e) {
            throw new BenchmarkException("cannot reach " + flags.string("--url", DEFAULT_URL) + ": " + e.getMessage(), e);
        }
    }
}
