package io.github.todo.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One port behind a simulated link, inside the namespace {@code latency} made: either a
 * {@code tc netem} delay on that port only (a {@code prio} qdisc on {@code lo} whose fourth band
 * holds the netem, chosen by {@code u32} filters on the port as source and as destination, so both
 * directions wait half the round trip), or a {@link DelayRelay} in front of it where the kernel has
 * no netem. Clients connect to {@link #clientPort()}. One netem link at a time: it owns {@code lo}'s
 * root qdisc.
 */
final class DelayedPort implements AutoCloseable {

    /** How the delay is made. */
    enum Link {
        NETEM, RELAY,
        /** No delay at all, the client straight to the port: what the relay's own cost is measured against. */
        DIRECT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Link link;
    private final int port;
    private final DelayRelay relay;

    private DelayedPort(Link link, int port, DelayRelay relay) {
        this.link = link;
        this.port = port;
        this.relay = relay;
    }

    /**
     * The kernel's answer to a prio + netem qdisc on this namespace's {@code lo}: empty when it has
     * them, else tc's message. Leaves nothing behind.
     */
    static String netemProblem() {
        try {
            netem(0, 0, 0, 0);
            return "";
        } catch (BenchmarkException e) {
            return e.getMessage();
        } finally {
            removeNetem();
        }
    }

    static DelayedPort open(Link link, int port, double rttMillis, double jitterMillis, double lossPercent) {
        if (link == Link.DIRECT) {
            return new DelayedPort(link, port, null);
        }
        if (link == Link.RELAY) {
            try {
                return new DelayedPort(link, port, DelayRelay.start(port, rttMillis, jitterMillis));
            } catch (IOException e) {
                throw new BenchmarkException("cannot start the delaying relay: " + e.getMessage(), e);
            }
        }
        netem(port, rttMillis, jitterMillis, lossPercent);
        return new DelayedPort(link, port, null);
    }

    /** A new round-trip time on the same link: the relay's delay, or netem changed in place. */
    void rtt(double rttMillis, double jitterMillis, double lossPercent) {
        if (relay != null) {
            relay.delay(rttMillis, jitterMillis);
        } else if (link == Link.NETEM) {
            Namespaces.run(netemCommand("change", rttMillis, jitterMillis, lossPercent).toArray(String[]::new));
        }
    }

    int clientPort() {
        return relay != null ? relay.port() : port;
    }

    Link link() {
        return link;
    }

    private static void netem(int port, double rttMillis, double jitterMillis, double lossPercent) {
        String[] allToFirstBand = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0".split(" ");
        List<String> prio = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", "lo", "root", "handle", "1:", "prio",
                "bands", "4", "priomap"));
        prio.addAll(List.of(allToFirstBand));
        Namespaces.run(prio.toArray(String[]::new));
        Namespaces.run(netemCommand("add", rttMillis, jitterMillis, lossPercent).toArray(String[]::new));
        if (port > 0) {
            for (String side : List.of("dport", "sport")) {
                Namespaces.run("tc", "filter", "add", "dev", "lo", "parent", "1:", "protocol", "ip", "prio", "1", "u32",
                        "match", "ip", side, Integer.toString(port), "0xffff", "flowid", "1:4");
            }
        }
    }

    private static List<String> netemCommand(String verb, double rttMillis, double jitterMillis, double lossPercent) {
        List<String> delay = new ArrayList<>(List.of("tc", "qdisc", verb, "dev", "lo", "parent", "1:4", "handle", "40:",
                "netem", "delay", millis(rttMillis / 2)));
        if (jitterMillis > 0) {
            delay.add(millis(jitterMillis / 2));
        }
        if (lossPercent > 0) {
            delay.addAll(List.of("loss", String.format(Locale.ROOT, "%.3f%%", lossPercent)));
        }
        return delay;
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%.3fms", millis);
    }

    private static void removeNetem() {
        try {
            Namespaces.run("tc", "qdisc", "del", "dev", "lo", "root");
        } catch (BenchmarkException e) {
            // there was none
        }
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        } else if (link == Link.NETEM) {
            removeNetem();
        }
    }
}
