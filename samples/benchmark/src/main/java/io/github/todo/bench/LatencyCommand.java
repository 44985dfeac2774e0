package io.github.todo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code latency}: the seed protocol (and the load mix) against a server command across a
 * simulated network. The command makes a network namespace of its own, runs itself again inside
 * it ({@code ip netns exec}), where {@link LatencyRun} starts the server, its PostgreSQL if asked
 * and the delay on one port; then it removes the namespace with every process in it, also on
 * Ctrl-C (a shutdown hook) and, for a run killed outright, at the next start.
 */
@Command(name = "latency", sortOptions = false,
        description = {"The seed protocol against a server across a simulated network, at each round-trip time: "
            + "ms per operation against RTT, single-threaded and with THREADS threads; optionally requests/s against "
            + "connections at one RTT (the load mix).",
            "Runs in a network namespace of its own over its 127.0.0.1, delaying only the server's port (or, with "
            + "--db-rtt, the port of a PostgreSQL of its own). Needs root and iproute2 (ip, tc)."})
final class LatencyCommand implements Callable<Integer> {

    @ParentCommand
    BenchmarkCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--command", paramLabel = "CMD",
            description = {"the server, with {PORT} and {DATA} (required), as for startup, e.g. "
                + "'./run --port {PORT} --db {DATA}/todo.db' or '/work/shared/peers/rust/run.sh {PORT} {DATA}'; "
                + "with --db-rtt also {JDBC}: '... --jdbc-url {JDBC} --db-user postgres'"})
    String command;

    @Option(names = "--name", paramLabel = "NAME", description = "the server's name in the results (default: its GET /info)")
    String name;

    @Option(names = "--rtt", paramLabel = "MS", split = ",", description = "client-server round-trip times (default 0,1,10,50)")
    List<Double> rtts;

    @Option(names = "--db-rtt", paramLabel = "MS", split = ",",
            description = "server-database round-trip times instead: starts a PostgreSQL of its own for {JDBC}; "
                + "the client then talks to the server undelayed")
    List<Double> dbRtts;

    @Option(names = "--jitter", paramLabel = "MS", defaultValue = "0",
            description = "the round trip varies by up to ±MS (default ${DEFAULT-VALUE})")
    double jitter;

    @Option(names = "--loss", paramLabel = "PCT", defaultValue = "0", description = "packets lost each way, netem only (default ${DEFAULT-VALUE})")
    double loss;

    @Option(names = "--link", paramLabel = "KIND", defaultValue = "auto",
            description = {"netem | relay | auto: netem where the kernel has it, else a delaying relay (default ${DEFAULT-VALUE});",
                "direct: no link, RTT 0 only, to measure what the relay itself costs"})
    String link;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "500", description = "operations per benchmark (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "10", description = "the multi-threaded client's threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--load-rtt", paramLabel = "MS", description = "also run load at this RTT for each of --connections")
    Double loadRtt;

    @Option(names = "--connections", paramLabel = "N", split = ",", description = "connections for --load-rtt (default 1,2,5,10,20,50)")
    List<Integer> connections;

    @Option(names = "--load-op", paramLabel = "OP", defaultValue = "mixed", description = "load's --op (default ${DEFAULT-VALUE})")
    String loadOp;

    @Option(names = "--load-duration", paramLabel = "S", defaultValue = "5", converter = CommandLines.Seconds.class,
            description = "measured seconds per load run (default ${DEFAULT-VALUE})")
    double loadDuration;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "120", converter = CommandLines.Seconds.class,
            description = "longest wait for the server to answer after its start (default ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--out", paramLabel = "FILE", description = "result file (default latency_<name>.json)")
    String resultFile;

    /** Set by the outer run when it starts this command again inside its namespace. */
    @Option(names = "--in-namespace", hidden = true)
    String inNamespace;

    @Override
    public Integer call() throws UsageException {
        validate();
        var missing = Namespaces.missing();
        if (missing.isPresent()) {
            root.err.println("todo-benchmark: latency needs root and iproute2 (ip, tc) to make its network namespace; missing "
                    + missing.get() + ". The loopback benchmarks (seed, load, startup) need neither.");
            return 2;
        }
        if (inNamespace != null) {
            return new LatencyRun(this, root.out, root.err).run();
        }
        return outer();
    }

    private void validate() throws UsageException {
        if (command == null || command.isBlank()) {
            throw new UsageException("latency needs --command, e.g. --command './run --port {PORT} --db {DATA}/todo.db'");
        }
        if (!command.contains("{PORT}")) {
            throw new UsageException("--command must contain {PORT}, where the server's port goes");
        }
        if (dbRtts != null && rtts != null) {
            throw new UsageException("--rtt and --db-rtt delay different links; give one of them per run");
        }
        if (dbRtts != null && !command.contains("{JDBC}")) {
            throw new UsageException("--db-rtt needs {JDBC} in --command, where the URL of the tool's PostgreSQL goes");
        }
        for (double rtt : rtts()) {
            CommandLines.atLeast("--rtt", rtt / 1000, 0);
        }
        CommandLines.atLeast("--jitter", jitter / 1000, 0);
        if (loss < 0 || loss >= 100) {
            throw new UsageException("--loss is a percentage from 0 to under 100, got " + loss);
        }
        if (!List.of("auto", "netem", "relay", "direct").contains(link)) {
            throw new UsageException("--link is netem, relay, auto or direct, got '" + link + "'");
        }
        if (link.equals("direct") && (rtts().stream().anyMatch(rtt -> rtt != 0) || (loadRtt != null && loadRtt != 0) || jitter > 0)) {
            throw new UsageException("--link direct delays nothing: it takes only an RTT of 0 and no jitter");
        }
        if ((link.equals("relay") || link.equals("direct")) && loss > 0) {
            throw new UsageException("--loss needs netem: the relay carries TCP, which never loses a byte");
        }
        CommandLines.atLeast("--iterations", iterations, 1);
        CommandLines.atLeast("--threads", threads, 1);
        for (int n : connections()) {
            CommandLines.atLeast("--connections", n, 1);
        }
        LoadOp.parse(loadOp);
        CommandLines.atLeast("--load-duration", loadDuration, 0.1);
    }

    List<Double> rtts() {
        return dbRtts != null ? dbRtts : rtts != null ? rtts : List.of(0.0, 1.0, 10.0, 50.0);
    }

    List<Integer> connections() {
        return connections != null ? connections : List.of(1, 2, 5, 10, 20, 50);
    }

    boolean databaseLink() {
        return dbRtts != null;
    }

    /** Makes the namespace, runs this command in it, removes it. */
    private int outer() {
        for (String stale : Namespaces.removeStale()) {
            root.err.println("latency: removed " + stale + ", left by a run that was killed");
        }
        String namespace = Namespaces.ownName();
        PrintStream log = root.err;
        Thread cleanup = new Thread(() -> {
            try {
                Namespaces.remove(namespace);
            } catch (BenchmarkException e) {
                log.println("latency: could not remove " + namespace + " (the next run will): " + e.getMessage());
            }
        }, "latency-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Namespaces.create(namespace);
            root.err.println("latency: network namespace " + namespace + " (removed at the end)");
            List<String> inner = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "latency", "--in-namespace", namespace));
            inner.addAll(arguments());
            Process process = new ProcessBuilder(Namespaces.exec(namespace, inner)).start();
            process.getOutputStream().close();
            Thread out = copy(process.getInputStream(), root.out);
            Thread err = copy(process.getErrorStream(), root.err);
            int status = process.waitFor();
            out.join();
            err.join();
            return status;
        } catch (IOException e) {
            throw new BenchmarkException("cannot start the run inside " + namespace + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        } finally {
            Namespaces.remove(namespace);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; removing twice is harmless
            }
        }
    }

    /** This command's options again, for the run inside the namespace. */
    private List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--command", command, "--jitter", number(jitter), "--loss", number(loss),
                "--link", link, "--iterations", Integer.toString(iterations), "--threads", Integer.toString(threads),
                "--load-op", loadOp, "--load-duration", number(loadDuration), "--timeout", number(timeout),
                databaseLink() ? "--db-rtt" : "--rtt", join(rtts()), "--connections", join(connections())));
        if (name != null) {
            args.addAll(List.of("--name", name));
        }
        if (loadRtt != null) {
            args.addAll(List.of("--load-rtt", number(loadRtt)));
        }
        if (resultFile != null) {
            args.addAll(List.of("--out", resultFile));
        }
        return args;
    }

    private static String join(List<? extends Number> values) {
        return String.join(",", values.stream().map(value -> number(value.doubleValue())).toList());
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    private static Thread copy(InputStream from, PrintStream to) {
        Thread thread = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // the process is gone
            }
            to.flush();
        }, "latency-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
