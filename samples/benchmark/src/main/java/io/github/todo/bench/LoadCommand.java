package io.github.todo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code load}: server-bound load with a fixed number of keep-alive connections for a fixed time.
 *
 * <p>Tasks are made before the clock starts. Read, update and mixed work on a pool of
 * {@code --pool} tasks. Delete needs one task per request, and the request rate is not known in
 * advance: tasks are created over the same connections for twice the run's time (warm-up
 * included; for mixed, 5% of that), which lasts as long as the server deletes no more than twice
 * as fast as it creates. If they still run out, the run ends there and the rate is taken over the
 * time actually measured, so it stays a rate with every connection busy. Create-then-delete pairs
 * were the other choice; they would time creates and deletes interleaved, which is not what the
 * delete column should mean. Nothing is cleaned up afterwards, as with wrk_bench.sh.
 */
@Command(name = "load", sortOptions = false,
        description = {"Server-bound load: CONNECTIONS keep-alive connections, one thread each, for DURATION.",
            "Prints requests/s, errors and latency percentiles; writes them as JSON."})
final class LoadCommand implements Callable<Integer> {

    private static final double DELETE_TASKS_FACTOR = 2.0;

    @ParentCommand
    BenchmarkCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--url", paramLabel = "URL", defaultValue = SeedCommand.DEFAULT_URL,
            description = "server base URL, http only (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--op", paramLabel = "OP", defaultValue = "hello",
            description = {"hello | create | read | update | delete | mixed (default ${DEFAULT-VALUE})",
                "mixed = 60%% read, 20%% create, 15%% update, 5%% delete"})
    String op;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "10", converter = CommandLines.Seconds.class,
            description = "measured seconds (default ${DEFAULT-VALUE})")
    double duration;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "0", converter = CommandLines.Seconds.class,
            description = "unmeasured seconds on the same connections first (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "10", description = "connections = client threads (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--pool", paramLabel = "N", defaultValue = "1000",
            description = "tasks created first for read, update and mixed (default ${DEFAULT-VALUE})")
    int pool;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "2", converter = CommandLines.Seconds.class,
            description = "socket timeout per request, then it counts as an error (default ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--trust", paramLabel = "FILE",
            description = "for an https --url: trust the PEM certificates in FILE (a self-signed server) instead of the JDK's authorities")
    Path trust;

    @Option(names = "--out", paramLabel = "FILE", description = "result file (default load_<op>_c<connections>_<GET /info>.json)")
    String resultFile;

    @Override
    public Integer call() throws UsageException {
        LoadOp op = LoadOp.parse(this.op);
        LoadRun.Settings settings = new LoadRun.Settings(op, CommandLines.atLeast("--connections", connections, 1),
                CommandLines.atLeast("--duration", duration, 0.1), CommandLines.atLeast("--warmup", warmup, 0),
                (int) (CommandLines.atLeast("--timeout", timeout, 0.001) * 1000));
        int poolSize = CommandLines.atLeast("--pool", pool, 1);
        Target target = Target.of(Urls.http(url), trust == null ? null : Trust.of(trust));
        HttpRequests requests = new HttpRequests(target);

        String server = info(target, requests, settings.timeoutMillis());
        TaskPool tasks = new TaskPool(target, requests, settings.connections(), settings.timeoutMillis());
        long[] poolIds = new long[0];
        if (op.usesPool()) {
            root.err.println("load: creating " + poolSize + " tasks for " + op.label());
            poolIds = tasks.create(poolSize);
        }
        DeleteIds deleteIds = DeleteIds.none();
        if (op.deleteShare() > 0) {
            double seconds = DELETE_TASKS_FACTOR * op.deleteShare() * (settings.seconds() + settings.warmupSeconds());
            root.err.printf(Locale.ROOT, "load: creating tasks to delete for %.1f s%n", seconds);
            deleteIds = new DeleteIds(tasks.createFor(seconds));
        }
        root.err.printf(Locale.ROOT, "load: %s, %d connections, warm-up %.1f s, measuring %.1f s%n",
                op.label(), settings.connections(), settings.warmupSeconds(), settings.seconds());

        LoadResult result = LoadRun.run(target, settings, server, poolIds, deleteIds);
        result.print(root.out);
        Path file = Path.of(resultFile != null ? resultFile : "load_" + op.label() + "_c" + settings.connections()
                + "_" + JsonFiles.safeName(server) + ".json");
        JsonFiles.write(file, result.toJson());
        root.out.println("Results saved to " + file);
        if (result.ranOutOfTasks()) {
            root.err.printf(Locale.ROOT, "WARNING: the %d tasks made for deleting ran out; measured %.1f s instead of %.1f s%n",
                    result.deletePool(), result.seconds(), settings.seconds());
        }
        if (result.errors() > 0) {
            throw new BenchmarkException("load " + op.label() + ": " + result.errors() + " errors (non-2xx "
                    + result.non2xx() + ", socket " + result.socketErrors() + "); results saved to " + file);
        }
        return 0;
    }

    private static String info(Target target, HttpRequests requests, int timeoutMillis) {
        try (RawHttpConnection connection = new RawHttpConnection(target, timeoutMillis)) {
            RawHttpConnection.Response response = connection.exchangeForBody(requests.info());
            if (response.status() < 200 || response.status() > 299) {
                throw new BenchmarkException("GET /info answered " + response.status() + " " + Texts.abbreviate(response.body()));
            }
            return response.body().strip();
        } catch (IOException e) {
            throw new BenchmarkException("cannot reach " + target.url() + ": " + e, e);
        }
    }
}
