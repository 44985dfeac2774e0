package io.github.todo.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code seed}: flags, {@code GET /info}, the {@link SeedBenchmark}, the result file. */
@Command(name = "seed", sortOptions = false,
        description = {"The seed article's client protocol (benchmark.py), ported: Hello World, Create, Read, Update, "
            + "Delete, each ITERATIONS times single-threaded and with THREADS threads.",
            "Writes {\"Hello World\": {\"single_threaded\": ms, \"multi_threaded\": ms}, ...}."})
final class SeedCommand implements Callable<Integer> {

    static final String DEFAULT_URL = "http://localhost:8000";

    @ParentCommand
    BenchmarkCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL, description = "server base URL (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10000", description = "operations per benchmark (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "10",
            description = "threads for the multi-threaded run and for prepare/cleanup (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--trust", paramLabel = "FILE",
            description = "for an https --url: trust the PEM certificates in FILE (a self-signed server) instead of the JDK's authorities")
    Path trust;

    @Option(names = "--out", paramLabel = "FILE", description = "result file (default benchmark_results_<GET /info>.json)")
    String resultFile;

    @Option(names = "--progress", description = "show the progress bar even when stderr is not a terminal")
    boolean progress;

    @Override
    public Integer call() throws UsageException {
        CommandLines.atLeast("--iterations", iterations, 1);
        CommandLines.atLeast("--threads", threads, 1);
        SeedClient client = new SeedClient(Urls.http(url).toString(), trust == null ? null : Trust.of(trust));

        String server = info(client);
        root.out.println("Server name: " + server);
        root.out.println("Running benchmark with " + iterations + " iterations for each operation");
        root.out.println("Using " + threads + " parallel requests for multi-threaded tests");
        Map<String, Map<String, Double>> results;
        try (ProgressBar bar = System.console() != null || progress ? ProgressBar.on(root.err) : ProgressBar.disabled()) {
            results = new SeedBenchmark(client, iterations, threads, bar, root.out).run();
        }
        Path file = Path.of(resultFile != null ? resultFile : "benchmark_results_" + JsonFiles.safeName(server) + ".json");
        JsonFiles.write(file, results);
        root.out.println("Results saved to " + file);
        return 0;
    }

    private String info(SeedClient client) {
        try {
            return client.info();
        } catch (BenchmarkException e) {
            throw new BenchmarkException("cannot reach " + url + ": " + e.getMessage(), e);
        }
    }
}
