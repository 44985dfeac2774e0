package io.github.todo.standalone.reliability;

import io.github.todo.core.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * One of the writers of a crash trial. It owns its tasks (no other writer touches them), so it
 * knows exactly what the server acknowledged: the tasks it should hold, the ids it deleted, and
 * the one write that was in flight when the server died, whose outcome is unknown either way.
 */
final class CrashWriter implements Runnable {

    /** The writer compares names and flags only; versions are left out of its records. */
    private static final long UNTRACKED = 0;

    /** A write sent but not answered: {@code after} is the task it would leave, {@code null} for a delete. */
    record Pending(String what, long id, Task after) {
    }

    private final int number;
    private final Random random;
    private final Map<Long, Task> live = new HashMap<>();
    private final Set<Long> deleted = new HashSet<>();
    private final int[] acknowledged = new int[3]; // creates, updates, deletes in this round
    private InetSocketAddress server;
    private CountDownLatch acks;
    private BooleanSupplier killed;
    private Queue<String> problems;
    private Pending pending;
    private int round;
    private int sequence;

    CrashWriter(int number, long seed) {
        this.number = number;
        this.random = new Random(seed);
    }

    /** Prepares the next round against {@code server}: each acknowledged write counts {@code acks} down. */
    void nextRound(int round, InetSocketAddress server, CountDownLatch acks, BooleanSupplier killed, Queue<String> problems) {
        this.round = round;
        this.server = server;
        this.acks = acks;
        this.killed = killed;
        this.problems = problems;
        this.pending = null;
        Arrays.fill(acknowledged, 0);
    }

    @Override
    public void run() {
        try (HttpConnection http = new HttpConnection(server, Duration.ofSeconds(30))) {
            while (true) {
                pending = next();
                HttpConnection.Response response = send(http, pending);
                acknowledge(pending, response);
                pending = null;
            }
        } catch (IOException e) {
            if (!killed.getAsBoolean()) {
                problems.add("writer " + number + ": connection error before the kill: " + e);
            }
            // else: the server died under this write; pending stays, its outcome unknown
        }
    }

    private Pending next() {
        int dice = random.nextInt(100);
        if (live.size() < 4 || dice < 40) {
            return new Pending("create", 0, new Task(0, name("c"), random.nextBoolean(), UNTRACKED));
        }
        List<Task> mine = new ArrayList<>(live.values());
        Task task = mine.get(random.nextInt(mine.size()));
        if (dice < 70) {
            return new Pending("PUT", task.id(), new Task(task.id(), name("u"), random.nextBoolean(), UNTRACKED));
        }
        if (dice < 90) {
            return new Pending("PATCH", task.id(), new Task(task.id(), task.name(), !task.done(), UNTRACKED));
        }
        return new Pending("DELETE", task.id(), null);
    }

    private HttpConnection.Response send(HttpConnection http, Pending write) throws IOException {
        return switch (write.what()) {
            case "create" -> http.send("POST", "/tasks", json(write.after()));
            case "PUT" -> http.send("PUT", "/tasks/" + write.id(), json(write.after()));
            case "PATCH" -> http.send("PATCH", "/tasks/" + write.id(), "{\"done\":" + write.after().done() + "}");
            default -> http.send("DELETE", "/tasks/" + write.id(), null);
        };
    }

    private void acknowledge(Pending write, HttpConnection.Response response) {
        int expected = switch (write.what()) {
            case "create" -> 201;
            case "DELETE" -> 204;
            default -> 200;
        };
        if (response.status() != expected) {
            problems.add("writer " + number + ": " + write.what() + " " + write.id() + " answered " + response.status()
                    + " " + response.body());
            return;
        }
        switch (write.what()) {
            case "create" -> {
                long id = response.id();
                live.put(id, new Task(id, write.after().name(), write.after().done(), UNTRACKED));
                acknowledged[0]++;
            }
            case "DELETE" -> {
                live.remove(write.id());
                deleted.add(write.id());
                acknowledged[2]++;
            }
            default -> {
                live.put(write.id(), write.after());
                acknowledged[1]++;
            }
        }
        acks.countDown();
    }

    private String name(String kind) {
        return "r" + round + "-w" + number + "-" + kind + (sequence++);
    }

    private static String json(Task task) {
        return "{\"name\":\"" + task.name() + "\",\"done\":" + task.done() + "}";
    }

    /**
     * Checks what survived against what was acknowledged, reporting every difference to
     * {@code problems}, then takes the survivors as the new truth. {@code found} holds every task the
     * restarted server returned; the ones this writer accounts for are removed from it.
     *
     * @return true when this writer's in-flight write turned out to be committed
     */
    boolean verify(Map<Long, Task> found, Queue<String> problems) {
        for (long id : deleted) {
            if (found.containsKey(id)) {
                problems.add("writer " + number + ": acknowledged DELETE of " + id + " undone: " + found.get(id));
            }
        }
        boolean inFlightCommitted = false;
        for (Task expected : new ArrayList<>(live.values())) {
            Task actual = found.remove(expected.id());
            boolean target = pending != null && pending.id() == expected.id();
            if (target && Objects.equals(actual, pending.after())) {
                inFlightCommitted = true;
                settle(expected.id(), actual);
            } else if (!expected.equals(actual)) {
                problems.add("writer " + number + ": acknowledged " + expected + " came back as " + actual);
            }
        }
        if (pending != null && pending.what().equals("create")) {
            for (Task actual : new ArrayList<>(found.values())) {
                if (actual.name().equals(pending.after().name()) && actual.done() == pending.after().done()) {
                    found.remove(actual.id());
                    live.put(actual.id(), actual);
                    inFlightCommitted = true;
                }
            }
        }
        pending = null;
        return inFlightCommitted;
    }

    private void settle(long id, Task actual) {
        if (actual == null) {
            live.remove(id);
            deleted.add(id);
        } else {
            live.put(id, actual);
        }
    }

    /** The writes acknowledged this round: creates, updates, deletes. */
    int[] acknowledged() {
        return acknowledged.clone();
    }

    boolean hadWriteInFlight() {
        return pending != null;
    }
}
