package io.github.todo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
final class LoadCommand {

    private static final double DELETE_TASKS_FACTOR = 2.0;

    private LoadCommand() {
        // Prevent instantiation
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Flags flags = Flags.parse(args, Set.of("--url", "--op", "--duration", "--warmup", "--connections",
                "--pool", "--timeout", "--out"), Set.of("--help"), false);
        if (flags.has("--help")) {
            out.print(Main.usage());
            return 0;
        }
        LoadOp op = LoadOp.parse(flags.string("--op", "hello"));
        LoadRun.Settings settings = new LoadRun.Settings(op, flags.integer("--connections", 10, 1),
                flags.seconds("--duration", 10, 0.1), flags.seconds("--warmup", 0, 0),
                (int) (flags.seconds("--timeout", 2, 0.001) * 1000));
        int poolSize = flags.integer("--pool", 1000, 1);
        Target target = Target.of(Urls.http(flags.string("--url", SeedCommand.DEFAULT_URL)));
        HttpRequests requests = new HttpRequests(target);

        String server = info(target, requests, settings.timeoutMillis());
        TaskPool tasks = new TaskPool(target, requests, settings.connections(), settings.timeoutMillis());
        long[] pool = new long[0];
        if (op.usesPool()) {
            err.println("load: creating " + poolSize + " tasks for " + op.label());
            pool = tasks.create(poolSize);
        }
        DeleteIds deleteIds = DeleteIds.none();
        if (op.deleteShare() > 0) {
            double seconds = DELETE_TASKS_FACTOR * op.deleteShare() * (settings.seconds() + settings.warmupSeconds());
            err.printf(Locale.ROOT, "load: creating tasks to delete for %.1f s%n", seconds);
            deleteIds = new DeleteIds(tasks.createFor(seconds));
        }
        err.printf(Locale.ROOT, "load: %s, %d connections, warm-up %.1f s, measuring %.1f s%n",
                op.label(), settings.connections(), settings.warmupSeconds(), settings.seconds());

        LoadResult result = LoadRun.run(target, settings, server, pool, deleteIds);
        result.print(out);
        Path file = Path.of(flags.string("--out", "load_" + op.label() + "_c" + settings.connections()
                + "_" + JsonFiles.safeName(server) + ".json"));
        JsonFiles.write(file, result.toJson());
        out.println("Results saved to " + file);
        if (result.ranOutOfTasks()) {
            err.printf(Locale.ROOT, "WARNING: the %d tasks made for deleting ran out; measured %.1f s instead of %.1f s%n",
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
