package io.github.todo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code startup}: starts a server command several times, each on a free port and an empty data
 * folder, and reports the time from launch to its first 2xx answer, and its memory once idle
 * (RSS and PSS of the server's process tree, from {@code /proc}). Works with any server whose
 * command takes {@code {PORT}} and {@code {DATA}}, as the peers' {@code run.sh} do.
 */
@Command(name = "startup", sortOptions = false,
        description = {"Starts a server command N times, each on a free port and an empty data folder: the time "
            + "from launch to its first 2xx, min/median/max, and its idle RSS and PSS (from /proc)."})
final class StartupCommand implements Callable<Integer> {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    @ParentCommand
    BenchmarkCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--command", paramLabel = "CMD",
            description = {"the server, with {PORT} and {DATA} (required), e.g.",
                "'java -jar todo.jar --port {PORT} --db {DATA}/todo.db' or '/work/shared/peers/rust/run.sh {PORT} {DATA}'; "
                + "leading NAME=value words set its environment"})
    String command;

    @Option(names = "--starts", paramLabel = "N", defaultValue = "5", description = "starts (default ${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/", description = "the GET that must answer 2xx (default ${DEFAULT-VALUE})")
    String path;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "60", converter = CommandLines.Seconds.class,
            description = "longest wait for it (default ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--idle", paramLabel = "S", defaultValue = "2", converter = CommandLines.Seconds.class,
            description = "seconds after the first 2xx before memory is read (default ${DEFAULT-VALUE})")
    double idle;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "server", description = "the server's name in the report (default ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the figures as JSON")
    String resultFile;

    /** One start: launch to first 2xx, and memory when idle, in KiB (-1 where /proc says nothing). */
    record Start(double millis, long rssKib, long pssKib) {
    }

    @Override
    public Integer call() throws UsageException {
        if (command == null || command.isBlank()) {
            throw new UsageException("startup needs --command, e.g. --command 'java -jar todo.jar --port {PORT} --db {DATA}/todo.db'");
        }
        if (!command.contains("{PORT}")) {
            throw new UsageException("--command must contain {PORT}, where the server's port goes");
        }
        CommandLines.atLeast("--starts", starts, 1);
        if (!path.startsWith("/")) {
            throw new UsageException("--path must start with /, got '" + path + "'");
        }
        CommandLines.atLeast("--timeout", timeout, 0.1);
        CommandLines.atLeast("--idle", idle, 0);
        PrintStream out = root.out;

        List<Start> results = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            Start start = once(command, path, timeout, idle);
            results.add(start);
            out.printf("start %d: %.0f ms to the first 2xx on GET %s, idle RSS %s, PSS %s%n",
                    i, start.millis(), path, mib(start.rssKib()), mib(start.pssKib()));
        }
        Map<String, Object> summary = summary(name, command, path, results);
        out.printf("%s: launch to first 2xx min/median/max %.0f/%.0f/%.0f ms; idle RSS median %s, PSS median %s (%d starts)%n",
                name, summary.get("min_ms"), summary.get("median_ms"), summary.get("max_ms"),
                mib(((Number) summary.get("idle_rss_kib_median")).longValue()),
                mib(((Number) summary.get("idle_pss_kib_median")).longValue()), starts);
        String file = resultFile;
        if (file != null) {
            JsonFiles.write(Path.of(file), summary);
            out.println("results written to " + file);
        }
        return 0;
    }

    static Map<String, Object> summary(String name, String command, String path, List<Start> results) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("server", name);
        summary.put("command", command);
        summary.put("path", path);
        summary.put("starts", results.size());
        List<Double> millis = results.stream().map(Start::millis).sorted().toList();
        summary.put("min_ms", millis.get(0));
        summary.put("median_ms", median(millis));
        summary.put("max_ms", millis.get(millis.size() - 1));
        summary.put("idle_rss_kib_median", median(results.stream().map(s -> (double) s.rssKib()).sorted().toList()));
        summary.put("idle_pss_kib_median", median(results.stream().map(s -> (double) s.pssKib()).sorted().toList()));
        summary.put("ms", results.stream().map(Start::millis).toList());
        summary.put("idle_rss_kib", results.stream().map(Start::rssKib).toList());
        return summary;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Start once(String command, String path, double timeoutSeconds, double idleSeconds) {
        Path data;
        int port;
        try {
            data = Files.createTempDirectory("todo-startup-");
            port = freePort();
        } catch (IOException e) {
            throw new BenchmarkException("cannot prepare a start: " + e.getMessage());
        }
        Process server = null;
        try {
            server = launch(command.replace("{PORT}", Integer.toString(port)).replace("{DATA}", data.toString()));
            long launched = System.nanoTime();
            long deadline = launched + (long) (timeoutSeconds * 1e9);
            while (!answers2xx(port, path)) {
                if (!server.isAlive()) {
                    throw new BenchmarkException("the server exited with status " + server.exitValue() + " before answering");
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkException("no 2xx on GET " + path + " within " + timeoutSeconds + " s");
                }
                TimeUnit.NANOSECONDS.sleep(POLL_NANOS); // polling a process we do not control: nothing to wait on
            }
            double millis = (System.nanoTime() - launched) / 1e6;
            TimeUnit.MILLISECONDS.sleep((long) (idleSeconds * 1000));
            if (!server.isAlive()) {
                throw new BenchmarkException("the server exited with status " + server.exitValue() + " while idle");
            }
            return new Start(millis, memoryKib(server, "VmRSS:", "status"), memoryKib(server, "Pss:", "smaps_rollup"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        } finally {
            if (server != null) {
                stop(server);
            }
            deleteQuietly(data);
        }
    }

    /**
     * The command through {@code sh -c 'exec env ...'}: the shell does the quoting, {@code env}
     * takes leading {@code NAME=value} words, and the server is the process we started.
     */
    private static Process launch(String command) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "exec env " + command.strip());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BenchmarkException("cannot run /bin/sh: " + e.getMessage());
        }
    }

    static boolean answers2xx(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream request = socket.getOutputStream();
            request.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream response = socket.getInputStream();
            byte[] status = response.readNBytes(12); // "HTTP/1.1 200"
            return status.length == 12 && status[9] == '2';
        } catch (IOException e) {
            return false; // not listening yet, or not answering yet
        }
    }

    /** The sum of one /proc field over the server and its descendants; -1 without /proc. */
    static long memoryKib(Process server, String field, String file) {
        long total = 0;
        boolean found = false;
        List<ProcessHandle> tree = Stream.concat(Stream.of(server.toHandle()), server.descendants()).toList();
        for (ProcessHandle process : tree) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), file))) {
                    if (line.startsWith(field)) {
                        total += Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]);
                        found = true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or no /proc here
            }
        }
        return found ? total : -1;
    }

    /** SIGTERM to the tree, as a supervisor stops a server; SIGKILL if it has not gone after 15 s. */
    static void stop(Process server) {
        List<ProcessHandle> tree = Stream.concat(server.descendants(), Stream.of(server.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format("%.1f MiB", kib / 1024.0);
    }

    static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
