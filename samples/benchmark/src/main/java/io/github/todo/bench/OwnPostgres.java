package io.github.todo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A PostgreSQL of {@code latency}'s own, inside its namespace on 127.0.0.1: a throwaway cluster
 * made by {@code initdb} (trust authentication, user {@code postgres}) and run as the
 * {@code postgres} OS user, since PostgreSQL refuses to run as root. The machine's own
 * PostgreSQL, if any, lives in the machine's namespace and is never touched.
 */
final class OwnPostgres implements AutoCloseable {

    private final Process process;
    private final Path data;
    private final int port;

    private OwnPostgres(Process process, Path data, int port) {
        this.process = process;
        this.data = data;
        this.port = port;
    }

    static OwnPostgres start(Path work, int port) {
        Path bin = binaries();
        Path data = work.resolve("postgres");
        try {
            Files.createDirectories(data);
            Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Namespaces.run("chown", "postgres:", data.toString());
        } catch (IOException e) {
            throw new BenchmarkException("cannot make PostgreSQL's data folder: " + e.getMessage(), e);
        }
        Namespaces.run("runuser", "-u", "postgres", "--", bin.resolve("initdb").toString(), "-D", data.toString(),
                "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        Path log = work.resolve("postgres.log");
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Process process;
        try {
            process = new ProcessBuilder(Namespaces.find("runuser").orElse("runuser"), "-u", "postgres", "--",
                    bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                    "-k", data.toString(), "-c", "listen_addresses=127.0.0.1")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BenchmarkException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
        Thread logger = new Thread(() -> copyLog(process, log, ready), "postgres-log");
        logger.setDaemon(true);
        logger.start();
        OwnPostgres postgres = new OwnPostgres(process, data, port);
        try {
            ready.get(60, TimeUnit.SECONDS);
            return postgres;
        } catch (ExecutionException | TimeoutException e) {
            postgres.close();
            throw new BenchmarkException("PostgreSQL did not become ready within 60 s; its log: " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            postgres.close();
            throw new BenchmarkException("interrupted while PostgreSQL started");
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin}. */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> version(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> new BenchmarkException("no PostgreSQL under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
            throw new BenchmarkException("no PostgreSQL under /usr/lib/postgresql/*/bin (" + e.getMessage() + ")");
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Its log to a file; {@code ready} completes on "ready to accept connections", fails if it exits first. */
    private static void copyLog(Process process, Path log, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.write(line + "\n");
                out.flush();
                if (line.contains("ready to accept connections")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // the log is a help, not a need
        }
        ready.completeExceptionally(new IllegalStateException("PostgreSQL exited"));
    }

    int port() {
        return port;
    }

    /** The JDBC URL through another port (the delayed one) to this cluster's {@code postgres} database. */
    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() {
        // runuser passes SIGTERM on to postgres: a "smart" shutdown, then a fast one if it lingers
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        StartupCommand.deleteQuietly(data);
    }
}
