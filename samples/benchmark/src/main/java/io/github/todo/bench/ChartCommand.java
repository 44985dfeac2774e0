package io.github.todo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chart}: grouped bar charts of result files, one group per operation and one series per
 * server, written as PNG and SVG. Seed files give two charts (single- and multi-threaded ms per
 * operation), load files one (requests per second).
 */
@Command(name = "chart", sortOptions = false,
        description = {"Grouped bar charts of result files: one group per operation, one series per server.",
            "  seed files -> BASENAME-seed-single.{png,svg} and BASENAME-seed-multi.{png,svg}",
            "  (ms per operation); load files -> BASENAME-load.{png,svg} (requests/s);",
            "  latency files -> BASENAME-latency-single, -latency-multi (ms per operation against RTT)",
            "  and -latency-load (requests/s against connections)"})
final class ChartCommand implements Callable<Integer> {

    private static final List<String> SEED_ORDER = List.of("Hello World", "Create", "Read", "Update", "Delete");
    private static final List<String> LOAD_ORDER = List.of("hello", "create", "read", "update", "delete", "mixed");

    @ParentCommand
    BenchmarkCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--out", paramLabel = "BASENAME", defaultValue = "benchmark_chart", description = "default ${DEFAULT-VALUE}")
    String basename;

    @Parameters(paramLabel = "[LABEL=]FILE", arity = "0..*",
            description = "a result file; LABEL names its series (default: the server name, from the file)")
    List<String> files = List.of();

    @Override
    public Integer call() throws UsageException {
        if (files.isEmpty()) {
            throw new UsageException("chart needs at least one result file");
        }
        // Charts are drawn off screen; a server without a display must not need one.
        System.setProperty("java.awt.headless", "true");
        ResultFiles results = ResultFiles.read(files);
        charts(results).forEach((suffix, chart) -> save(chart, basename + suffix, root.out));
        LatencyCharts.charts(results).forEach((suffix, chart) -> save(chart, basename + suffix, root.out));
        return 0;
    }

    /** The charts for these results, by file name suffix: seed ones if any seed file, load if any load file. */
    static Map<String, CategoryChart> charts(ResultFiles results) {
        Map<String, CategoryChart> charts = new LinkedHashMap<>();
        if (!results.seedSingle.isEmpty()) {
            charts.put("-seed-single", chart("Seed protocol, single-threaded client: ms per operation (lower is better)",
                    "ms per operation (lower is better)", SEED_ORDER, results.seedSingle, "#,##0.###"));
            charts.put("-seed-multi", chart("Seed protocol, multi-threaded client: ms per operation (lower is better)",
                    "ms per operation (lower is better)", SEED_ORDER, results.seedMulti, "#,##0.###"));
        }
        if (!results.loadRps.isEmpty()) {
            String connections = results.loadConnections.size() == 1
                    ? ", " + results.loadConnections.get(0) + " connections" : "";
            charts.put("-load", chart("Load: requests per second" + connections + " (higher is better)",
                    "requests/s (higher is better)", LOAD_ORDER, results.loadRps, "#,##0"));
        }
        return charts;
    }

    private static CategoryChart chart(String title, String yAxis, List<String> preferredOrder,
                                       Map<String, Map<String, Double>> series, String valuePattern) {
        List<String> groups = groups(preferredOrder, series);
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(560)
                .title(title).xAxisTitle("operation").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsRotation(90);
        chart.getStyler().setDecimalPattern(valuePattern);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        series.forEach((name, values) -> {
            List<Double> column = new ArrayList<>();
            for (String group : groups) {
                column.add(values.get(group)); // null: XChart leaves the slot empty, where 0 would claim a result
            }
            chart.addSeries(name, groups, column);
        });
        return chart;
    }

    /** The operations present, the known ones in protocol order, anything else after them. */
    private static List<String> groups(List<String> preferredOrder, Map<String, Map<String, Double>> series) {
        List<String> groups = new ArrayList<>();
        for (String known : preferredOrder) {
            if (series.values().stream().anyMatch(values -> values.containsKey(known))) {
                groups.add(known);
            }
        }
        series.values().forEach(values -> values.keySet().stream()
                .filter(group -> !groups.contains(group)).forEach(groups::add));
        return groups;
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String basename, PrintStream out) {
        try {
            BitmapEncoder.saveBitmap(chart, basename + ".png", BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, basename + ".svg", VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new BenchmarkException("cannot write " + basename + ".png/.svg: " + e.getMessage(), e);
        }
        out.println("Chart saved to " + basename + ".png and " + basename + ".svg");
    }
}
