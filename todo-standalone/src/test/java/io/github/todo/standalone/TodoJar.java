package io.github.todo.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/** The runnable jar as a user runs it: a command that finishes, or a server that listens until stopped. */
final class TodoJar {

    /** What a finished command left: its exit code, standard output and standard error. */
    record Result(int code, String out, String err) {
    }

    /** A server in a child process; closing it ends the process (SIGKILL) if a test did not stop it. */
    static final class Server implements AutoCloseable {
        final Process process;
        final URI base;
        final Path log;

        private Server(Process process, URI base, Path log) {
            this.process = process;
            this.base = base;
            this.log = log;
        }

        /** SIGTERM, then the exit code. */
        int stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not stop within 60 s of SIGTERM");
            }
            return process.exitValue();
        }

        String log() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private TodoJar() {
        // Prevent instantiation
    }

    /** Runs {@code todo args} with {@code env} added to an environment without TODO_ variables, and waits. */
    static Result run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out-", ".txt");
        Path err = Files.createTempFile(dir, "err-", ".txt");
        Process process = builder(dir, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("todo " + String.join(" ", args) + " did not finish in 300 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of(), args);
    }

    /** Starts {@code todo --port 0 args} and waits for its startup line; its standard error goes to a log file. */
    static Server serve(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "server-", ".log");
        Process process = builder(dir, env, all.toArray(new String[0])).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher startup = StandaloneJarTest.STARTUP.matcher(line == null ? "" : line);
        if (!startup.matches()) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start: " + line + "\n" + Files.readString(log));
        }
        return new Server(process, URI.create("http://127.0.0.1:" + startup.group(1)), log);
    }

    private static ProcessBuilder builder(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", StandaloneJarTest.JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TODO_"));
        builder.environment().putAll(env);
        return builder;
    }
}
