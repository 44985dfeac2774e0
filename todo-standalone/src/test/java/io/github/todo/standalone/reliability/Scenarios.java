package io.github.todo.standalone.reliability;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reliability scenarios, each against a fresh run of the real jar, shared by the CI tests
 * (short forms) and {@link Reliability} (long forms). Each returns what it measured and every
 * guarantee it saw broken; an empty list means the guarantee held.
 */
final class Scenarios {

    /** A scenario's result: a summary for people and the broken guarantees, if any. */
    record Outcome(String summary, List<String> broken) {
        /** Prints the summary; throws with every broken guarantee if there is one. */
        void assertHeld() {
            System.out.println(summary);
            if (!broken.isEmpty()) {
                throw new AssertionError("broken guarantees:\n  " + String.join("\n  ", broken));
            }
        }
    }

    /**
     * An uncaught "UT000091: Buffer has already been freed" on a worker thread: Undertow frees a
     * connection's buffered next-request bytes while a worker thread still reads them. It comes from
     * connections that are being closed anyway (malformed requests, timeouts): no client sees a 5xx
     * or a hang. A few times in 100,000 malformed requests since request bodies are read on the I/O
     * thread (BufferBody); open, described in docs/RELIABILITY.md, so counted, not failed.
     */
    static final Pattern KNOWN_UNDERTOW_RACE = Pattern.compile("\\S+ \\[ERROR\\] errors - Thread Thread\\[[^\\]]*\\] threw an uncaught"
            + " exception\\R(?:java\\.lang\\.IllegalStateException: UT000091: Buffer has already been freed)(?:\\R\\s+at .*)*");

    private Scenarios() {
        // Prevent instantiation
    }

    /** {@code kills} rounds of kill -9 under 16 writers, restart and check, with {@code synchronous} normal or full. */
    static Outcome crash(Path dir, String synchronous, int kills, long seed, PrintStream progress) throws Exception {
        CrashTrials.Report report = new CrashTrials(dir, synchronous, 16, seed).run(kills, progress);
        List<String> broken = new ArrayList<>(report.problems());
        if (report.rounds().size() != kills) {
            broken.add("only " + report.rounds().size() + " of " + kills + " rounds ran");
        }
        String summary = String.format("crash (%s, seed %d): %d kills, %,d acknowledged writes, all found after restart;"
                        + " %d writes in flight at the kills, %d of them committed; integrity_check ok after every restart",
                synchronous, seed, kills, report.acknowledged(), report.inFlight(), report.inFlightCommitted());
        return new Outcome(broken.isEmpty() ? summary : "crash (" + synchronous + ", seed " + seed + "): FAILED", broken);
    }

    /** {@code connections} clients of mixed CRUD for {@code duration}; the p99 must stay under {@code p99Bound}. */
    static Outcome load(Path dir, int connections, Duration duration, Duration p99Bound, PrintStream progress) throws Exception {
        try (JarProcess server = JarProcess.start(dir, "--db", dir.resolve("load.db").toString())) {
            MixedLoad load = new MixedLoad(server.address());
            load.seed();
            long rssStart = server.rssKib();
            MixedLoad.Report report = load.run(connections, duration, progress, Duration.ofSeconds(5), server::rssKib);
            long rssEnd = server.rssKib();
            int exit = server.stop();
            List<String> broken = new ArrayList<>();
            check(broken, report.status5xx() == 0, report.status5xx() + " responses were 5xx");
            check(broken, report.connectionErrors() == 0, report.connectionErrors() + " connection errors; the first: " + report.firstError());
            check(broken, report.unexpected() == 0, report.unexpected() + " statuses other than 200, 201, 204 and 404");
            check(broken, report.requests() > connections, "the load did not run: " + report.requests() + " requests");
            int races = checkLog(broken, server.log());
            long p99 = report.latency().getValueAtPercentile(99) / 1000;
            check(broken, p99 < p99Bound.toMillis(), "p99 " + p99 + " ms is over " + p99Bound.toMillis() + " ms");
            check(broken, exit == 0, "the server exited " + exit + " after SIGTERM");
            return new Outcome(withRaces(Summaries.load(report, connections, rssStart, rssEnd), races), broken);
        }
    }

    /** {@code requests} malformed requests and {@code slow} slow senders; then GET / must answer within 100 ms. */
    static Outcome badInput(Path dir, int requests, int slow) throws Exception {
        try (JarProcess server = JarProcess.start(dir, "--db", dir.resolve("bad.db").toString(), "--request-timeout", "2s")) {
            BadInputFlood.Report report = new BadInputFlood(server.address(), Duration.ofSeconds(10)).run(requests, 16, slow);
            Duration hello = Probes.timeHello(server.address());
            List<String> broken = new ArrayList<>(report.failures());
            check(broken, report.sent() == requests + slow, "sent " + report.sent() + " of " + (requests + slow));
            check(broken, hello.toMillis() < 100, "GET / took " + hello.toMillis() + " ms after the flood");
            Probes.assertStillServes(server.address());
            int exit = server.stop();
            check(broken, exit == 0, "the server exited " + exit + " after SIGTERM");
            int races = checkLog(broken, server.log());
            return new Outcome(withRaces(Summaries.badInput(report, hello), races), broken);
        }
    }

    /**
     * {@code count} connections slow in their headers (or in their bodies, when {@code bodies}) kept
     * up for {@code window} while 8 normal clients work; the server runs with {@code requestTimeout}
     * and must close every slow one within that timeout, even while it still sends.
     */
    static Outcome slowClients(Path dir, int count, boolean bodies, Duration window, Duration requestTimeout, Duration p99Bound)
            throws Exception {
        try (JarProcess server = JarProcess.start(dir, "--db", dir.resolve("slow.db").toString(),
                "--request-timeout", requestTimeout.toMillis() + "ms")) {
            MixedLoad normal = new MixedLoad(server.address());
            normal.seed();
            MixedLoad.Report served;
            SlowClients.Report slow;
            try (SlowClients slowClients = new SlowClients(server.address(), count, bodies)) {
                slowClients.start();
                served = normal.run(8, window, null, window, server::rssKib);
                slowClients.stopSending();
                slow = slowClients.awaitAllClosed(requestTimeout.plusSeconds(5));
            }
            List<String> broken = new ArrayList<>();
            check(broken, served.connectionErrors() == 0, "normal clients had " + served.connectionErrors()
                    + " connection errors; the first: " + served.firstError());
            check(broken, served.status5xx() == 0 && served.unexpected() == 0, "normal clients got 5xx or unexpected statuses");
            check(broken, served.requests() > 100, "normal clients were hardly served: " + served.requests() + " requests");
            long p99 = served.latency().getValueAtPercentile(99) / 1000;
            check(broken, p99 < p99Bound.toMillis(), "normal clients' p99 " + p99 + " ms is over " + p99Bound.toMillis() + " ms");
            check(broken, slow.stillOpen() == 0, slow.stillOpen() + " slow connections still open");
            // headers and bodies alike must be complete within the request timeout, however they trickle
            check(broken, slow.opened() > count, "the server closed no slow connection while they dribbled");
            check(broken, slow.longestLife() < requestTimeout.toMillis() + 3000, "a slow connection lived " + slow.longestLife() + " ms");
            Probes.assertStillServes(server.address());
            int exit = server.stop();
            check(broken, exit == 0, "the server exited " + exit + " after SIGTERM");
            int races = checkLog(broken, server.log());
            return new Outcome(withRaces(Summaries.slowClients(slow, count, bodies, served), races), broken);
        }
    }

    /**
     * The server as {@code ./run} starts it (its heap, its GC) against what would exhaust it:
     * {@code declaring} connections that each declare a 1 MiB body (the largest taken) and then
     * send it a byte a second (replaced should the server close one), and {@code creates}
     * tasks with the heaviest names there are, over 4 connections; all the while 8 normal clients
     * work and must see no 5xx, no connection error and a p99 under {@code p99Bound}. Every
     * create must succeed, and the last ones must read back unchanged.
     */
    static Outcome resource(Path dir, int declaring, int creates, Duration p99Bound) throws Exception {
        List<String> jvm = JarProcess.runScriptOptions();
        try (JarProcess server = JarProcess.start(dir, jvm, "--db", dir.resolve("resource.db").toString())) {
            MixedLoad normal = new MixedLoad(server.address());
            normal.seed();
            long rssStart = server.rssKib();
            MixedLoad.Report served;
            HeavyCreates.Report heavy;
            SlowClients.Report slow;
            try (SlowClients declared = SlowClients.declaring(server.address(), declaring, 1024 * 1024)) {
                declared.start();
                long rssDeclared = server.rssKib();
                AtomicReference<HeavyCreates.Report> created = new AtomicReference<>();
                AtomicReference<Throwable> failed = new AtomicReference<>();
                AtomicBoolean done = new AtomicBoolean();
                Thread creating = new Thread(() -> {
                    try {
                        created.set(new HeavyCreates(server.address()).run(4, creates));
                    } catch (Throwable e) {
                        failed.set(e);
                    } finally {
                        done.set(true);
                    }
                }, "heavy-creates-driver");
                creating.start();
                // the normal clients work in rounds of 2 s until the creates are done, and one round after
                List<MixedLoad.Report> rounds = new ArrayList<>();
                boolean last = false;
                while (!last) {
                    last = done.get();
                    rounds.add(normal.run(8, Duration.ofSeconds(2), null, Duration.ofSeconds(2), server::rssKib));
                }
                creating.join();
                if (failed.get() != null) {
                    throw new IllegalStateException("the creating clients failed", failed.get());
                }
                heavy = created.get();
                served = MixedLoad.merge(rounds);
                slow = declared.awaitAllClosed(Duration.ZERO); // as they are: the slow-clients scenario times them
                long rssEnd = server.rssKib();
                List<String> broken = new ArrayList<>();
                check(broken, served.status5xx() == 0 && served.unexpected() == 0, "normal clients got " + served.status5xx()
                        + " 5xx and " + served.unexpected() + " unexpected statuses");
                check(broken, served.connectionErrors() == 0, "normal clients had " + served.connectionErrors()
                        + " connection errors; the first: " + served.firstError());
                long p99 = served.latency().getValueAtPercentile(99) / 1000;
                check(broken, p99 < p99Bound.toMillis(), "normal clients' p99 " + p99 + " ms is over " + p99Bound.toMillis() + " ms");
                check(broken, heavy.created() == creates, "only " + heavy.created() + " of " + creates + " heavy creates got a 201"
                        + " (5xx: " + heavy.status5xx() + ", connection errors: " + heavy.connectionErrors() + ", the first: " + heavy.firstError() + ")");
                check(broken, heavy.mismatches() == 0, heavy.mismatches() + " heavy tasks did not read back unchanged");
                Probes.assertStillServes(server.address());
                int exit = server.stop();
                check(broken, exit == 0, "the server exited " + exit + " after SIGTERM (" + (exit == 3 ? "out of memory" : "?") + ")");
                int races = checkLog(broken, server.log());
                return new Outcome(withRaces(Summaries.resource(jvm, declaring, slow, rssStart, rssDeclared, rssEnd, heavy, served), races),
                        broken);
            }
        }
    }

    /**
     * Checks the server log; returns how often it shows the one known Undertow race, which is
     * counted rather than failed (see {@link #KNOWN_UNDERTOW_RACE}).
     */
    private static int checkLog(List<String> broken, String log) {
        check(broken, !log.contains("database is locked"), "the server log says 'database is locked'");
        Matcher race = KNOWN_UNDERTOW_RACE.matcher(log);
        int races = 0;
        while (race.find()) {
            races++;
        }
        String rest = race.replaceAll("");
        check(broken, !rest.contains("[ERROR]"), "the server logged errors:\n" + rest);
        check(broken, !log.contains("requests still running"), "requests never finished, so shutdown had to give up on them");
        return races;
    }

    private static String withRaces(String summary, int races) {
        return races == 0 ? summary : summary + "\n  known Undertow race (UT000091, docs/RELIABILITY.md) logged " + races + " time(s)";
    }

    private static void check(List<String> broken, boolean holds, String otherwise) {
        if (!holds) {
            broken.add(otherwise);
        }
    }
}
