package io.github.todo.standalone.reliability;

import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;

/** The one-paragraph summaries the tests and the tools print, and docs/RELIABILITY.md quotes. */
final class Summaries {

    private Summaries() {
        // Prevent instantiation
    }

    static String load(MixedLoad.Report report, int connections, long rssStartKib, long rssEndKib) {
        StringJoiner operations = new StringJoiner(", ");
        for (int i = 0; i < MixedLoad.OPERATIONS.size(); i++) {
            operations.add(String.format("%,d %s", report.byOperation()[i], MixedLoad.OPERATIONS.get(i)));
        }
        StringJoiner statuses = new StringJoiner(", ");
        for (int s = 0; s < report.byStatus().length; s++) {
            if (report.byStatus()[s] > 0) {
                statuses.add(String.format("%d: %,d", s, report.byStatus()[s]));
            }
        }
        return String.format("load: %d connections for %.1f s: %,d requests (%,.0f/s; %s)%n"
                        + "  statuses {%s}; 5xx: %d; connection errors: %d; unexpected statuses: %d%n"
                        + "  latency %s%n  server RSS: %,d KiB at start, %,d KiB at end",
                connections, report.elapsed().toMillis() / 1000.0, report.requests(), report.throughput(), operations,
                statuses, report.status5xx(), report.connectionErrors(), report.unexpected(),
                latency(report.latency()), rssStartKib, rssEndKib);
    }

    static String badInput(BadInputFlood.Report report, Duration hello) {
        StringJoiner kinds = new StringJoiner(", ");
        report.byKind().forEach((kind, count) -> kinds.add(String.format("%s %,d", kind, count)));
        StringJoiner statuses = new StringJoiner(", ");
        report.byStatus().forEach((status, count) -> statuses.add(String.format("%d: %,d", status, count)));
        return String.format("bad input: %,d requests in %.1f s (%s)%n  answers {%s}; closed without an answer: %,d;"
                        + " 5xx and hangs: %d%n  then GET / answered in %.1f ms",
                report.sent(), report.elapsed().toMillis() / 1000.0, kinds, statuses, report.closedWithoutAnswer(),
                report.failures().size(), hello.toNanos() / 1e6);
    }

    static String slowClients(SlowClients.Report slow, int concurrent, boolean bodies, MixedLoad.Report normal) {
        return String.format("slow clients: %d at a time, %s: %,d opened, %,d closed by the server"
                        + " after %.1f to %.1f s, %d left open, %d got an answer first%n"
                        + "  meanwhile %,d normal requests on %s: 5xx %d, connection errors %d; latency %s",
                concurrent, bodies ? "complete headers, then one body byte per second" : "one header byte per second", slow.opened(), slow.closedByServer(), slow.shortestLife() / 1000.0, slow.longestLife() / 1000.0,
                slow.stillOpen(), slow.answered(), normal.requests(), "8 connections", normal.status5xx(),
                normal.connectionErrors(), latency(normal.latency()));
    }

    static String resource(List<String> jvm, int declaring, SlowClients.Report slow, long rssStartKib, long rssDeclaredKib,
                           long rssEndKib, HeavyCreates.Report heavy, MixedLoad.Report normal) {
        return String.format("resource (server JVM: %s): %,d connections at a time declaring 1 MiB bodies, sent a byte a second:"
                        + " %,d opened, %,d closed by the server, %d open at the end%n"
                        + "  %,d creates of %,d-emoji names on 4 connections in %.1f s: %,d created, 5xx %d, connection errors %d;"
                        + " latency %s; last ones read back unchanged: %s%n"
                        + "  meanwhile %,d normal requests on 8 connections: 5xx %d, connection errors %d; latency %s%n"
                        + "  server RSS: %,d KiB at start, %,d KiB with the declaring connections open, %,d KiB at end",
                String.join(" ", jvm), declaring, slow.opened(), slow.closedByServer(), slow.stillOpen(),
                heavy.created() + heavy.status5xx() + heavy.connectionErrors(), HeavyCreates.NAME_LENGTH,
                heavy.elapsed().toMillis() / 1000.0, heavy.created(), heavy.status5xx(), heavy.connectionErrors(),
                latency(heavy.latency()), heavy.mismatches() == 0 ? "yes" : "NO (" + heavy.mismatches() + ")",
                normal.requests(), normal.status5xx(), normal.connectionErrors(), latency(normal.latency()),
                rssStartKib, rssDeclaredKib, rssEndKib);
    }

    /** p50, p90, p99, p99.9 and max of a histogram in microseconds, shown in milliseconds. */
    static String latency(Histogram micros) {
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(90) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }
}
