package io.github.todo.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The numbers of one load run. Field names in the JSON follow wrk_bench.sh's WRKRESULT line
 * ({@code rps}, {@code p50_ms}, {@code non2xx}, {@code socket_errors}) so both read alike.
 *
 * @param seconds       the measured time; shorter than asked when the tasks to delete ran out
 * @param kinds         for mixed: requests per kind, as mixed.lua's {@code extra}; empty otherwise
 * @param deletePool    tasks created before the run for deleting (delete and mixed)
 * @param ranOutOfTasks whether the delete op used up its tasks and ended early
 */
record LoadResult(LoadOp op, String server, String url, int connections, double warmupSeconds, double seconds,
                  long requests, Map<Integer, Long> non2xx, long socketErrors, String lastError,
                  Histogram latency, Map<String, Long> kinds, int deletePool, boolean ranOutOfTasks) {

    double rps() {
        return seconds > 0 ? requests / seconds : 0;
    }

    long non2xxCount() {
        return non2xx.values().stream().mapToLong(Long::longValue).sum();
    }

    long errors() {
        return non2xxCount() + socketErrors;
    }

    private double millis(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
    }

    /** The result file's content, in a stable order. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", op.label());
        json.put("server", server);
        json.put("url", url);
        json.put("connections", connections);
        json.put("duration_s", seconds);
        json.put("warmup_s", warmupSeconds);
        json.put("requests", requests);
        json.put("rps", rps());
        json.put("errors", errors());
        json.put("non2xx", non2xxCount());
        Map<String, Long> byStatus = new TreeMap<>();
        non2xx.forEach((status, count) -> byStatus.put(String.valueOf(status), count));
        json.put("non2xx_by_status", byStatus);
        json.put("socket_errors", socketErrors);
        json.put("p50_ms", millis(50));
        json.put("p90_ms", millis(90));
        json.put("p99_ms", millis(99));
        json.put("p99_9_ms", millis(99.9));
        json.put("max_ms", latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1e6);
        json.put("mean_ms", latency.getTotalCount() == 0 ? 0 : latency.getMean() / 1e6);
        if (!kinds.isEmpty()) {
            json.put("extra", kinds);
        }
        if (deletePool > 0) {
            json.put("delete_pool", deletePool);
            json.put("ran_out_of_tasks", ranOutOfTasks);
        }
        json.put("client", "todo-benchmark load: one blocking keep-alive HTTP/1.1 socket per connection");
        return json;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "load %s: %s at %s, %d connections, %.1f s measured (warm-up %.1f s)%n",
                op.label(), server, url, connections, seconds, warmupSeconds);
        out.printf(Locale.ROOT, "  requests/s  %.1f   (%d requests)%n", rps(), requests);
        out.printf(Locale.ROOT, "  errors      %d   (non-2xx %d%s, socket %d)%n", errors(), non2xxCount(),
                non2xx.isEmpty() ? "" : " " + non2xx, socketErrors);
        out.printf(Locale.ROOT, "  latency ms  p50 %.3f   p90 %.3f   p99 %.3f   p99.9 %.3f   max %.3f%n",
                millis(50), millis(90), millis(99), millis(99.9), latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1e6);
        if (!kinds.isEmpty()) {
            out.println("  mix         " + kinds);
        }
        if (lastError != null) {
            out.println("  last socket error: " + lastError);
        }
    }
}
