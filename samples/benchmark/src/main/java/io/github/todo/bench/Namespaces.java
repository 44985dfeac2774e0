package io.github.todo.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The network namespaces of {@code latency}, named {@code todo-latency-<pid>} after the process
 * that made them: made with {@code ip netns add}, removed with every process in them, and those
 * of a process that died before it could remove its own cleared at the next start. Nothing here
 * touches the machine's own namespace: {@code tc} runs only inside one of ours ({@link #exec}).
 */
final class Namespaces {

    static final String PREFIX = "todo-latency-";

    private Namespaces() {
        // Prevent instantiation
    }

    /** Why {@code latency} cannot run here (not root, no {@code ip} or {@code tc}), or empty. */
    static Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root");
        }
        for (String tool : List.of("ip", "tc")) {
            if (find(tool).isEmpty()) {
                missing.add("'" + tool + "' (iproute2)");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", missing));
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).strip().split("\\s+")[1].equals("0"); // the effective uid
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: not Linux, so no network namespaces either
        }
        return false;
    }

    /** A command on the PATH or in /sbin, /usr/sbin (root's tools are there, often not on a user's PATH). */
    static Optional<String> find(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream().filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    /** The namespace of this process: {@code todo-latency-<pid>}. */
    static String ownName() {
        return PREFIX + ProcessHandle.current().pid();
    }

    /** Makes the namespace and brings its loopback up. */
    static void create(String name) {
        run("ip", "netns", "add", name);
        run("ip", "-n", name, "link", "set", "lo", "up");
    }

    /**
     * Stops every process in the namespace, then deletes it (its {@code lo} and qdiscs go with it).
     * Synchronized: on Ctrl-C the shutdown hook and the ending run both remove the same one.
     */
    static synchronized void remove(String name) {
        if (!list().contains(name)) {
            return;
        }
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> inside = pids(name);
            if (inside.isEmpty()) {
                break;
            }
            inside.forEach(round == 0 ? ProcessHandle::destroy : ProcessHandle::destroyForcibly);
            for (ProcessHandle process : inside) {
                try {
                    process.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the next round kills it
                }
            }
        }
        run("ip", "netns", "delete", name);
    }

    /** Removes the namespaces of {@code latency} runs whose process is gone. */
    static List<String> removeStale() {
        List<String> removed = new ArrayList<>();
        for (String name : list()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            boolean alive;
            try {
                alive = ProcessHandle.of(Long.parseLong(name.substring(PREFIX.length()))).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException e) {
                alive = false;
            }
            if (!alive) {
                remove(name);
                removed.add(name);
            }
        }
        return removed;
    }

    /** The names {@code ip netns list} gives. */
    static List<String> list() {
        List<String> names = new ArrayList<>();
        for (String line : run("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().split("\\s+")[0]);
            }
        }
        return names;
    }

    private static List<ProcessHandle> pids(String name) {
        List<ProcessHandle> inside = new ArrayList<>();
        for (String line : run("ip", "netns", "pids", name).split("\n")) {
            if (!line.isBlank()) {
                ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(inside::add);
            }
        }
        return inside;
    }

    /** The command run inside the namespace: {@code ip netns exec NAME command...}. */
    static List<String> exec(String name, List<String> command) {
        List<String> inside = new ArrayList<>(List.of(find("ip").orElse("ip"), "netns", "exec", name));
        inside.addAll(command);
        return inside;
    }

    /** The name of the namespace this process is in, by {@code ip netns identify}; empty when it is the machine's own. */
    static String current() {
        return run("ip", "netns", "identify", Long.toString(ProcessHandle.current().pid())).strip();
    }

    /** Runs an iproute2 command to its end; a failure is a {@link BenchmarkException} with its message. */
    static String run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        line.set(0, find(command[0]).orElse(command[0]));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new BenchmarkException(String.join(" ", command) + ": " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new BenchmarkException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException(String.join(" ", command) + " was interrupted", e);
        }
    }
}
