package io.github.todo.bench;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The line charts of {@code latency} results: one line per server, the network's RTT or the connections along x. */
final class LatencyCharts {

    private LatencyCharts() {
        // Prevent instantiation
    }

    static Map<String, XYChart> charts(ResultFiles results) {
        Map<String, XYChart> charts = new LinkedHashMap<>();
        if (results.latencySingle.isEmpty()) {
            return charts;
        }
        String between = results.latencyBetween.size() == 1 ? results.latencyBetween.get(0) : "link";
        String xAxis = between + " round-trip time, ms";
        charts.put("-latency-single", chart("Seed protocol, single-threaded client: ms per operation against " + between
                + " RTT (lower is better)", xAxis, "ms per operation", results.latencySingle));
        charts.put("-latency-multi", chart("Seed protocol, multi-threaded client: ms per operation against " + between
                + " RTT (lower is better)", xAxis, "ms per operation", results.latencyMulti));
        if (!results.latencyRps.isEmpty()) {
            String rtt = results.latencyLoadRtts.size() == 1
                    ? " at " + LatencyCommand.number(results.latencyLoadRtts.get(0)) + " ms " + between + " RTT" : "";
            charts.put("-latency-load", chart(String.format(Locale.ROOT, "Load: requests/s against connections%s (higher is better)", rtt),
                    "connections (one client thread each)", "requests/s", results.latencyRps));
        }
        return charts;
    }

    private static XYChart chart(String title, String xAxis, String yAxis, Map<String, Map<Double, Double>> series) {
        XYChart chart = new XYChartBuilder().width(1000).height(560).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("#,##0.##");
        series.forEach((name, points) -> {
            List<Double> x = new ArrayList<>(points.keySet());
            x.sort(Double::compare);
            List<Double> y = x.stream().map(points::get).toList();
            chart.addSeries(name, x, y);
        });
        return chart;
    }
}
