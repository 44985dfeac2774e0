package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

class ChartCommandTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void seed_and_load_results_become_png_and_svg_charts() throws IOException {
        Path seed = dir.resolve("benchmark_results_" + InMemoryTodoServer.NAME + ".json");
        Path load = dir.resolve("load.json");
        try (InMemoryTodoServer server = InMemoryTodoServer.start()) {
            assertEquals(0, Runs.main("seed", "--url", server.url(), "--iterations", "20", "--out", seed.toString()).status());
            assertEquals(0, Runs.main("load", "--url", server.url(), "--op", "read", "--duration", "0.5",
                    "--connections", "2", "--pool", "50", "--out", load.toString()).status());
        }
        // a second server that only ran part of the protocol: its missing operations leave gaps
        Path other = Files.writeString(dir.resolve("other.json"),
                "{\"Hello World\": {\"single_threaded\": 0.5, \"multi_threaded\": 0.2}}");
        String base = dir.resolve("chart").toString();

        Runs.Outcome run = Runs.main("chart", "--out", base, seed.toString(), "peer=" + other, load.toString());

        assertEquals(0, run.status(), run.err());
        for (String chart : new String[] {"chart-seed-single", "chart-seed-multi", "chart-load"}) {
            byte[] png = Files.readAllBytes(dir.resolve(chart + ".png"));
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length), chart);
            String svg = Files.readString(dir.resolve(chart + ".svg"), StandardCharsets.UTF_8);
            assertTrue(svg.contains("<svg"), chart);
        }
    }

    @Test
    void titles_and_axes_say_what_is_measured_and_which_way_is_better() throws Exception {
        Path seed = Files.writeString(dir.resolve("benchmark_results_rust-hyper.json"),
                "{\"Hello World\": {\"single_threaded\": 0.5, \"multi_threaded\": 0.2}}");
        Path load = Files.writeString(dir.resolve("l.json"), "{\"op\":\"read\",\"rps\":10,\"connections\":64,\"server\":\"todo\"}");

        Map<String, CategoryChart> charts = ChartCommand.charts(ResultFiles.read(List.of(seed.toString(), load.toString())));

        assertEquals(List.of("-seed-single", "-seed-multi", "-load"), List.copyOf(charts.keySet()));
        assertTrue(charts.get("-seed-single").getTitle().contains("single-threaded"));
        assertTrue(charts.get("-seed-multi").getYAxisTitle().contains("lower is better"));
        assertEquals("Load: requests per second, 64 connections (higher is better)", charts.get("-load").getTitle());
        assertEquals(Set.of("rust-hyper"), charts.get("-seed-single").getSeriesMap().keySet(), "named after the file");
        assertEquals(Set.of("todo"), charts.get("-load").getSeriesMap().keySet(), "named after the server field");
    }

    @Test
    void latency_results_become_lines_against_rtt_and_connections() throws Exception {
        String point = "{\"single_ms\": %s, \"multi_ms\": %s}";
        Path todo = Files.writeString(dir.resolve("latency_todo.json"), "{\"kind\": \"latency\", \"between\": \"client-server\", "
                + "\"server\": \"todo\", \"seed\": {\"0\": " + point.formatted(0.5, 0.2) + ", \"10\": " + point.formatted(10.6, 1.2)
                + "}, \"load\": {\"rtt_ms\": 10, \"connections\": {\"1\": {\"rps\": 95}, \"10\": {\"rps\": 940}}}}");
        String base = dir.resolve("chart").toString();

        Runs.Outcome run = Runs.main("chart", "--out", base, "sqlite=" + todo);
        Map<String, XYChart> charts = LatencyCharts.charts(ResultFiles.read(List.of(todo.toString())));

        assertEquals(0, run.status(), run.err());
        assertTrue(Files.size(dir.resolve("chart-latency-single.png")) > 0);
        assertEquals(List.of("-latency-single", "-latency-multi", "-latency-load"), List.copyOf(charts.keySet()));
        assertEquals("client-server round-trip time, ms", charts.get("-latency-single").getXAxisTitle());
        assertEquals("Load: requests/s against connections at 10 ms client-server RTT (higher is better)",
                charts.get("-latency-load").getTitle());
        assertEquals(Set.of("todo"), charts.get("-latency-multi").getSeriesMap().keySet());
    }

    @Test
    void chart_without_files_is_a_usage_error() {
        assertEquals(2, Runs.main("chart", "--out", dir.resolve("x").toString()).status());
    }

    @Test
    void a_missing_file_is_a_usage_error() {
        assertEquals(2, Runs.main("chart", dir.resolve("nope.json").toString()).status());
    }

    @Test
    void two_results_for_the_same_server_and_operation_need_labels() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "{\"op\":\"read\",\"rps\":10,\"connections\":10,\"server\":\"s\"}");
        Path b = Files.writeString(dir.resolve("b.json"), "{\"op\":\"read\",\"rps\":20,\"connections\":10,\"server\":\"s\"}");
        String base = dir.resolve("c").toString();

        assertEquals(2, Runs.main("chart", "--out", base, a.toString(), b.toString()).status());
        assertEquals(0, Runs.main("chart", "--out", base, "run1=" + a, "run2=" + b).status());
        assertTrue(Files.size(dir.resolve("c-load.png")) > 0);
    }

    @Test
    void a_file_that_is_no_result_fails_with_one_line() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.json"), "{\"hello\": 1}");

        Runs.Outcome run = Runs.main("chart", "--out", dir.resolve("j").toString(), junk.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("is neither a seed result"), run.err());
    }
}
