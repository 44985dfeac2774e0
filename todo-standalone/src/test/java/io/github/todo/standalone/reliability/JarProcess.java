package io.github.todo.standalone.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable jar in a child process, started as a user would ({@code java -jar}) on port 0.
 * Everything it prints goes to a log file next to the database, so a test can look for
 * "database is locked" afterwards. Closing it always ends the process, also when a test fails.
 */
final class JarProcess implements AutoCloseable {

    /** The jar under test: failsafe passes {@code todo.jar}; the tools pass {@code --jar}. */
    static final String JAR_PROPERTY = "todo.jar";
    /** JVM options for the server, space-separated (the tools' {@code --server-jvm "-Xmx256m"}); none by default. */
    static final String JVM_PROPERTY = "todo.serverJvm";

    private static final Pattern STARTUP = Pattern.compile("todo \\S+ listening on http://127\\.0\\.0\\.1:(\\d+) .*");

    private final Process process;
    private final Path log;
    private final InetSocketAddress address;

    private JarProcess(Process process, Path log, InetSocketAddress address) {
        this.process = process;
        this.log = log;
        this.address = address;
    }

    /** Starts the jar with {@code args} (plus {@code --port 0}) and waits for its startup line. */
    static JarProcess start(Path workDir, String... args) throws IOException {
        String jvm = System.getProperty(JVM_PROPERTY, "").strip();
        return start(workDir, jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")), args);
    }

    /**
     * The JVM options {@code ./run} starts the server with (its {@code default_opts}: the heap
     * limit, the GC, exit on OutOfMemoryError), read from the script itself so that a test of "the
     * server as ./run starts it" follows the script; {@code --server-jvm} replaces them.
     */
    static List<String> runScriptOptions() throws IOException {
        String jvm = System.getProperty(JVM_PROPERTY, "").strip();
        if (!jvm.isEmpty()) {
            return List.of(jvm.split("\\s+"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path run = dir.resolve("run");
            if (Files.isRegularFile(run) && Files.isRegularFile(dir.resolve("todo-standalone/pom.xml"))) {
                Matcher options = Pattern.compile("(?m)^default_opts=\"([^\"]+)\"").matcher(Files.readString(run));
                if (!options.find()) {
                    throw new IllegalStateException(run + " has no default_opts=\"...\" line");
                }
                return List.of(options.group(1).split("\\s+"));
            }
        }
        throw new IllegalStateException("no ./run script above " + Path.of("").toAbsolutePath());
    }

    /** Starts the jar with the JVM options {@code jvm} and {@code args} (plus {@code --port 0}). */
    static JarProcess start(Path workDir, List<String> jvm, String... args) throws IOException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/todo-standalone.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + "; build it with ./mvnw package, or set -D" + JAR_PROPERTY);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar.toString(), "--port", "0"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(Files.createDirectories(workDir), "server-", ".log");
        // stderr (the log lines) goes straight to the file; stdout is read for the startup line, then copied
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher startup = STARTUP.matcher(line == null ? "" : line);
            if (!startup.matches()) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the server did not start: " + line + "\n" + Files.readString(log));
            }
            Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.APPEND);
            drain(out, log);
            return new JarProcess(process, log, new InetSocketAddress("127.0.0.1", Integer.parseInt(startup.group(1))));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the server started", e);
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /** The resident set size now, from {@code /proc/PID/status} (VmRSS), in KiB; -1 where there is no /proc. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // no /proc here, or the process has ended
        }
        return -1;
    }

    /** Everything the server has printed so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}: the JVM gets no chance to run anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server survived SIGKILL");
        }
    }

    /** SIGTERM and a graceful shutdown; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the server did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Ends the process if it still runs (SIGKILL): a failed test never leaves a server behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void drain(BufferedReader out, Path log) {
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.APPEND);
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, "server-stdout");
        drain.setDaemon(true);
        drain.start();
    }
}
