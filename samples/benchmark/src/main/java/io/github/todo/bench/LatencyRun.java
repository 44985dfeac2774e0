package io.github.todo.bench;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The part of {@code latency} that runs inside its namespace: one server on a fresh data folder
 * behind one {@link DelayedPort} (on its own port, or its database's), warmed up at RTT 0, then
 * for each round-trip time the seed protocol against it in this process; then, if asked,
 * {@code load} at one RTT for each connection count. One server for all points, so that no point
 * pays for a cold JIT and the curve's rise is the network's. The server's
 * CPU time (its process tree, from {@code /proc}) is read around each seed run, since that cost
 * does not hide behind the network.
 */
final class LatencyRun {

    /** Requests one seed run sends, prepare and cleanup included: 2N each for hello, create; 6N read, update; 4N delete. */
    private static final int SEED_REQUESTS_PER_ITERATION = 2 + 2 + 6 + 6 + 4;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final double CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on every Linux architecture we run on

    private final LatencyCommand options;
    private final PrintStream out;
    private final PrintStream err;
    private Path work;

    LatencyRun(LatencyCommand options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run() {
        String here = Namespaces.current();
        if (!here.equals(options.inNamespace)) {
            throw new BenchmarkException("refusing to change qdiscs: this process is in namespace '" + here
                    + "', not in " + options.inNamespace);
        }
        try {
            work = Files.createTempDirectory("todo-latency-");
        } catch (IOException e) {
            throw new BenchmarkException("cannot make a work folder: " + e.getMessage(), e);
        }
        OwnPostgres postgres = null;
        try {
            DelayedPort.Link link = link();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("kind", "latency");
            result.put("between", options.databaseLink() ? "server-database" : "client-server");
            result.put("link", link.label());
            result.put("iterations", options.iterations);
            result.put("threads", options.threads);
            result.put("jitter_ms", options.jitter);
            result.put("loss_percent", options.loss);
            result.put("command", options.command);
            Map<String, Object> seeds = new LinkedHashMap<>();
            String server = options.name;
            if (options.databaseLink()) {
                postgres = OwnPostgres.start(work, freePort());
                err.println("latency: PostgreSQL of its own on 127.0.0.1:" + postgres.port() + " in the namespace");
            }
            try (Started started = start(options.rtts().get(0), link, postgres)) {
                warmUp(started);
                for (double rtt : options.rtts()) {
                    err.printf(Locale.ROOT, "%nlatency: %s RTT %s ms over the %s%n", options.databaseLink() ? "server-database"
                            : "client-server", LatencyCommand.number(rtt), link.label());
                    started.delayed().rtt(rtt, options.jitter, options.loss);
                    Map<String, Object> point = new LinkedHashMap<>();
                    server = seedAt(rtt, started, server, point);
                    seeds.put(LatencyCommand.number(rtt), point);
                }
                result.put("server", server);
                result.put("seed", seeds);
                if (options.loadRtt != null) {
                    result.put("load", loadAt(options.loadRtt, started));
                }
            }
            Path file = Path.of(options.resultFile != null ? options.resultFile : "latency_" + JsonFiles.safeName(server) + ".json");
            JsonFiles.write(file, result);
            summary(seeds);
            out.println("Results saved to " + file);
            return 0;
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            StartupCommand.deleteQuietly(work);
        }
    }

    /** The link asked for, or for auto netem where the kernel has it; says which, and why. */
    private DelayedPort.Link link() {
        if (options.link.equals("direct")) {
            err.println("latency: no link: the client straight to the server's port (RTT 0)");
            return DelayedPort.Link.DIRECT;
        }
        String problem = options.link.equals("relay") ? "" : DelayedPort.netemProblem();
        if (options.link.equals("netem") && !problem.isEmpty()) {
            throw new BenchmarkException("--link netem: this kernel has no netem (" + problem + "); use --link relay");
        }
        if (options.link.equals("relay") || !problem.isEmpty()) {
            if (options.loss > 0) {
                throw new BenchmarkException("--loss needs netem, which this kernel lacks (" + problem
                        + "); the relay carries TCP, which never loses a byte");
            }
            err.println("latency: delaying with a user-space relay (RTT/2 each way, order kept)"
                    + (problem.isEmpty() ? "" : ": this kernel has no netem qdisc (" + problem + ")"));
            return DelayedPort.Link.RELAY;
        }
        err.println("latency: delaying with tc netem on the server's port (prio qdisc, u32 filter)");
        return DelayedPort.Link.NETEM;
    }

    /**
     * The seed protocol once at RTT 0, unmeasured: the server and this client then run compiled
     * code at every measured point, not only at the later ones.
     */
    private void warmUp(Started started) {
        err.println("latency: warming up (the seed protocol at RTT 0, " + Math.min(options.iterations, 200) + " iterations, not measured)");
        started.delayed().rtt(0, 0, 0);
        inProcess("seed", "--url", started.url(), "--iterations", Integer.toString(Math.min(options.iterations, 200)),
                "--threads", Integer.toString(options.threads), "--out", work.resolve("warm-up.json").toString()).check("the warm-up");
    }

    /** One RTT: the seed protocol, the server's CPU; returns the server's name. */
    private String seedAt(double rtt, Started started, String server, Map<String, Object> point) {
        Path file = work.resolve("seed.json");
        String name = server != null ? server : new SeedClient(started.url()).info();
        double cpuBefore = cpuSeconds(started.process());
        Outcome seed = inProcess("seed", "--url", started.url(), "--iterations", Integer.toString(options.iterations),
                "--threads", Integer.toString(options.threads), "--out", file.toString());
        double cpu = cpuSeconds(started.process()) - cpuBefore;
        seed.check("seed at RTT " + LatencyCommand.number(rtt) + " ms");
        JsonObject times = JsonFiles.readObject(file);
        point.put("operations", times);
        point.put("single_ms", mean(times, "single_threaded"));
        point.put("multi_ms", mean(times, "multi_threaded"));
        point.put("server_cpu_ms_per_request", cpu * 1000 / (SEED_REQUESTS_PER_ITERATION * (double) options.iterations));
        return name;
    }

    private Map<String, Object> loadAt(double rtt, Started started) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("rtt_ms", rtt);
        load.put("op", options.loadOp);
        Map<String, Object> byConnections = new LinkedHashMap<>();
        err.printf(Locale.ROOT, "%nlatency: load %s at RTT %s ms, connections %s%n", options.loadOp,
                LatencyCommand.number(rtt), options.connections());
        for (int connections : options.connections()) {
            Path file = work.resolve("load.json");
            started.delayed().rtt(rtt, options.jitter, options.loss);
            double cpuBefore = cpuSeconds(started.process());
            Outcome run = inProcess("load", "--url", started.url(), "--op", options.loadOp,
                    "--connections", Integer.toString(connections), "--duration", LatencyCommand.number(options.loadDuration),
                    "--warmup", "0", "--pool", "200", "--timeout", "10", "--out", file.toString());
            double cpu = cpuSeconds(started.process()) - cpuBefore;
            run.check("load with " + connections + " connections");
            JsonObject json = JsonFiles.readObject(file);
            json.addProperty("server_cpu_ms_per_request", cpu * 1000 / Math.max(1, json.get("requests").getAsLong()));
            byConnections.put(Integer.toString(connections), json);
        }
        load.put("connections", byConnections);
        return load;
    }

    /** A server process, the link in front of it (or of its database), and the URL the client uses. */
    private record Started(Process process, DelayedPort delayed, String url, Path data) implements AutoCloseable {
        @Override
        public void close() {
            StartupCommand.stop(process);
            if (delayed != null) {
                delayed.close();
            }
            StartupCommand.deleteQuietly(data);
        }
    }

    private Started start(double rtt, DelayedPort.Link link, OwnPostgres postgres) {
        Path data;
        int port;
        try {
            data = Files.createTempDirectory(work, "data-");
            port = StartupCommand.freePort();
        } catch (IOException e) {
            throw new BenchmarkException("cannot prepare a start: " + e.getMessage(), e);
        }
        DelayedPort delayed = null;
        String command = options.command.replace("{PORT}", Integer.toString(port)).replace("{DATA}", data.toString());
        if (postgres != null) {
            delayed = DelayedPort.open(link, postgres.port(), rtt, options.jitter, options.loss);
            command = command.replace("{JDBC}", OwnPostgres.jdbcUrl(delayed.clientPort()));
        }
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", "exec env " + command.strip())
                    .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile()).start();
        } catch (IOException e) {
            throw new BenchmarkException("cannot run /bin/sh: " + e.getMessage(), e);
        }
        try {
            awaitAnswer(process, port);
            if (postgres == null) {
                delayed = DelayedPort.open(link, port, rtt, options.jitter, options.loss);
            }
            int clientPort = postgres == null ? delayed.clientPort() : port;
            return new Started(process, delayed, "http://127.0.0.1:" + clientPort, data);
        } catch (RuntimeException e) {
            new Started(process, delayed, "", data).close();
            throw e;
        }
    }

    private static int freePort() {
        try {
            return StartupCommand.freePort();
        } catch (IOException e) {
            throw new BenchmarkException("no free port: " + e.getMessage(), e);
        }
    }

    private void awaitAnswer(Process process, int port) {
        long deadline = System.nanoTime() + (long) (options.timeout * 1e9);
        while (!StartupCommand.answers2xx(port, "/")) {
            if (!process.isAlive()) {
                throw new BenchmarkException("the server exited with status " + process.exitValue()
                        + " before answering; its output: " + tail(work.resolve("server.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkException("the server did not answer GET / within " + options.timeout + " s");
            }
            try {
                TimeUnit.NANOSECONDS.sleep(POLL_NANOS); // polling a process we do not control: nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkException("interrupted");
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(none)";
        }
    }

    /** User and system CPU seconds of the process and its descendants, from /proc/PID/stat. */
    static double cpuSeconds(Process process) {
        long ticks = 0;
        for (ProcessHandle handle : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            } catch (IOException | RuntimeException e) {
                // gone
            }
        }
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    private static double mean(JsonObject times, String mode) {
        return times.entrySet().stream().mapToDouble(entry -> entry.getValue().getAsJsonObject().get(mode).getAsDouble())
                .average().orElse(Double.NaN);
    }

    private void summary(Map<String, Object> seeds) {
        out.printf(Locale.ROOT, "%n%-8s %14s %14s %18s%n", "RTT ms", "1 thread ms/op", options.threads + " threads ms/op",
                "server CPU ms/req");
        seeds.forEach((rtt, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> point = (Map<String, Object>) value;
            out.printf(Locale.ROOT, "%-8s %14.3f %14.3f %18.3f%n", rtt, point.get("single_ms"), point.get("multi_ms"),
                    point.get("server_cpu_ms_per_request"));
        });
    }

    private record Outcome(int status, String what) {
        void check(String step) {
            if (status != 0) {
                throw new BenchmarkException(step + " failed (status " + status + ")");
            }
        }
    }

    private Outcome inProcess(String... args) {
        return new Outcome(Main.run(args, out, err), args[0]);
    }
}
