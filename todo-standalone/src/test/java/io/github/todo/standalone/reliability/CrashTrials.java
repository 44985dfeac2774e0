package io.github.todo.standalone.reliability;

import com.google.gson.Gson;
import io.github.todo.core.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Crash safety: writers create, update and delete tasks through the real jar, the server is killed
 * with SIGKILL while their writes are in flight, and it is restarted on the same file. Every
 * acknowledged write must be there, every acknowledged delete must stay deleted, nothing that was
 * never sent may appear, and {@code PRAGMA integrity_check} must say ok. Repeated on one file, so
 * damage left by one crash would show in the next round too.
 */
final class CrashTrials {

    /** What a run found: one line per round, and every broken guarantee. */
    record Report(List<String> rounds, List<String> problems, int acknowledged, int inFlight, int inFlightCommitted) {
    }

    private final Path db;
    private final String[] args;
    private final List<CrashWriter> crew = new ArrayList<>();
    private final Random random;
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final List<String> rounds = new ArrayList<>();
    private int acknowledged;
    private int inFlight;
    private int inFlightCommitted;

    /**
     * Trials on {@code dir}/crash-{@code synchronous}.db with {@code writers} writer threads; {@code seed}
     * picks the moments of the kills and the writers' choices.
     */
    CrashTrials(Path dir, String synchronous, int writers, long seed) {
        this.db = dir.resolve("crash-" + synchronous + ".db");
        this.args = new String[] {"--db", db.toString(), "--synchronous", synchronous};
        this.random = new Random(seed);
        for (int w = 0; w < writers; w++) {
            crew.add(new CrashWriter(w, random.nextLong()));
        }
    }

    /** Runs {@code kills} rounds of write, kill -9, restart and check; prints each round to {@code progress}. */
    Report run(int kills, PrintStream progress) throws IOException, InterruptedException, SQLException {
        JarProcess server = JarProcess.start(db.getParent(), args);
        try {
            for (int round = 1; round <= kills; round++) {
                JarProcess killed = server;
                int[] counts = writeUntilKilled(round, killed);
                long restart = System.nanoTime();
                server = JarProcess.start(db.getParent(), args);
                String line = check(round, counts, server, Duration.ofNanos(System.nanoTime() - restart));
                rounds.add(String.format("round %d/%d (%s): %s", round, kills, args[3], line));
                if (progress != null) {
                    progress.println(rounds.get(rounds.size() - 1));
                }
            }
            server.stop();
        } finally {
            server.close();
        }
        return new Report(List.copyOf(rounds), List.copyOf(problems), acknowledged, inFlight, inFlightCommitted);
    }

    /**
     * Lets the writers loose, kills the server after 150 to 600 acknowledged writes (a different
     * moment each round), and waits for the writers to notice. Returns the acknowledged creates,
     * updates and deletes, and how many writes were in flight at the kill.
     */
    private int[] writeUntilKilled(int round, JarProcess server) throws InterruptedException {
        int target = 150 + random.nextInt(450);
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch acks = new CountDownLatch(target);
        List<Thread> threads = new ArrayList<>();
        for (CrashWriter writer : crew) {
            writer.nextRound(round, server.address(), acks, killed::get, problems);
            Thread thread = new Thread(writer, "crash-writer");
            thread.start();
            threads.add(thread);
        }
        boolean reached = acks.await(60, TimeUnit.SECONDS);
        killed.set(true);
        server.kill();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!reached) {
            problems.add("round " + round + ": only " + (target - acks.getCount()) + " of " + target + " writes acknowledged in 60 s");
        }
        int[] counts = new int[4];
        for (CrashWriter writer : crew) {
            int[] mine = writer.acknowledged();
            for (int i = 0; i < 3; i++) {
                counts[i] += mine[i];
            }
            counts[3] += writer.hadWriteInFlight() ? 1 : 0;
        }
        return counts;
    }

    /** Compares the restarted server's tasks with what each writer was told, and checks the file. */
    private String check(int round, int[] counts, JarProcess server, Duration restart) throws IOException, SQLException {
        int problemsBefore = problems.size();
        Map<Long, Task> found = everyTask(server);
        int total = found.size();
        int committed = 0;
        for (CrashWriter writer : crew) {
            committed += writer.verify(found, problems) ? 1 : 0;
        }
        found.values().forEach(task -> problems.add("round " + round + ": a task nobody sent: " + task));
        String integrity = integrityCheck(db);
        if (!"ok".equals(integrity)) {
            problems.add("round " + round + ": integrity_check says " + integrity);
        }
        if (counts[3] == 0) {
            problems.add("round " + round + ": no write was in flight at the kill; the round tested nothing");
        }
        int sum = counts[0] + counts[1] + counts[2];
        acknowledged += sum;
        inFlight += counts[3];
        inFlightCommitted += committed;
        return String.format("kill -9 after %d acknowledged writes (%d creates, %d updates, %d deletes) with %d in flight"
                        + " (%d of them turned out committed); restarted in %d ms; %d tasks; integrity_check %s; %d broken guarantees",
                sum, counts[0], counts[1], counts[2], counts[3], committed, restart.toMillis(), total, integrity,
                problems.size() - problemsBefore);
    }

    private static Map<Long, Task> everyTask(JarProcess server) throws IOException {
        try (HttpConnection http = new HttpConnection(server.address(), Duration.ofSeconds(30))) {
            HttpConnection.Response list = http.get("/tasks");
            if (list.status() != 200) {
                throw new IOException("GET /tasks answered " + list.status() + " " + list.body());
            }
            Map<Long, Task> tasks = new HashMap<>();
            for (Task task : new Gson().fromJson(list.body(), Task[].class)) {
                tasks.put(task.id(), task);
            }
            return tasks;
        }
    }

    /** {@code PRAGMA integrity_check} on a separate connection; the server may be running. */
    static String integrityCheck(Path db) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA integrity_check")) {
            row.next();
            return row.getString(1);
        }
    }
}
