package io.github.todo.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result files read for charting, sorted into three tables of series → operation → value: seed
 * single-threaded ms, seed multi-threaded ms, and load requests/s. A series is a server: named by
 * {@code LABEL=} on the command line, else by the file (seed files hold no server name, so the
 * part of {@code benchmark_results_<server>.json} after the prefix) or by its {@code server} field.
 */
final class ResultFiles {

    private static final String SEED_PREFIX = "benchmark_results_";

    final Map<String, Map<String, Double>> seedSingle = new LinkedHashMap<>();
    final Map<String, Map<String, Double>> seedMulti = new LinkedHashMap<>();
    final Map<String, Map<String, Double>> loadRps = new LinkedHashMap<>();
    /** Latency files: series → RTT ms → mean ms per operation, single-threaded and multi-threaded. */
    final Map<String, Map<Double, Double>> latencySingle = new LinkedHashMap<>();
    final Map<String, Map<Double, Double>> latencyMulti = new LinkedHashMap<>();
    /** Latency files' load runs: series → connections → requests/s. */
    final Map<String, Map<Double, Double>> latencyRps = new LinkedHashMap<>();
    /** The links and load RTTs seen in latency files, for the charts' axis and title. */
    final List<String> latencyBetween = new ArrayList<>();
    final List<Double> latencyLoadRtts = new ArrayList<>();
    /** The connection counts seen in load files; one value means the chart can name it. */
    final List<Integer> loadConnections = new ArrayList<>();

    private record Input(String label, Path file, JsonObject json) {
    }

    static ResultFiles read(List<String> arguments) throws UsageException {
        List<Input> inputs = new ArrayList<>();
        for (String argument : arguments) {
            inputs.add(input(argument));
        }
        ResultFiles results = new ResultFiles();
        inputs.stream().filter(ResultFiles::isLoad)
                .map(input -> input.json().get("connections").getAsInt())
                .distinct().forEach(results.loadConnections::add);
        for (Input input : inputs) {
            if (isLatency(input)) {
                results.addLatency(input);
            } else if (isLoad(input)) {
                results.addLoad(input);
            } else {
                results.addSeed(input);
            }
        }
        return results;
    }

    private static Input input(String argument) throws UsageException {
        Path file = Path.of(argument);
        String label = null;
        int equals = argument.indexOf('=');
        if (!Files.exists(file) && equals > 0) {
            label = argument.substring(0, equals);
            file = Path.of(argument.substring(equals + 1));
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such result file: " + file);
        }
        return new Input(label, file, JsonFiles.readObject(file));
    }

    private static boolean isLatency(Input input) {
        return input.json().has("kind") && input.json().get("kind").getAsString().equals("latency");
    }

    private void addLatency(Input input) {
        JsonObject json = input.json();
        String label = input.label() != null ? input.label() : json.get("server").getAsString();
        String between = json.get("between").getAsString();
        if (!latencyBetween.contains(between)) {
            latencyBetween.add(between);
        }
        for (Map.Entry<String, JsonElement> point : json.getAsJsonObject("seed").entrySet()) {
            double rtt = Double.parseDouble(point.getKey());
            JsonObject times = point.getValue().getAsJsonObject();
            latencySingle.computeIfAbsent(label, s -> new LinkedHashMap<>()).put(rtt, times.get("single_ms").getAsDouble());
            latencyMulti.computeIfAbsent(label, s -> new LinkedHashMap<>()).put(rtt, times.get("multi_ms").getAsDouble());
        }
        if (json.has("load")) {
            JsonObject load = json.getAsJsonObject("load");
            double rtt = load.get("rtt_ms").getAsDouble();
            if (!latencyLoadRtts.contains(rtt)) {
                latencyLoadRtts.add(rtt);
            }
            for (Map.Entry<String, JsonElement> run : load.getAsJsonObject("connections").entrySet()) {
                latencyRps.computeIfAbsent(label, s -> new LinkedHashMap<>())
                        .put(Double.parseDouble(run.getKey()), run.getValue().getAsJsonObject().get("rps").getAsDouble());
            }
        }
    }

    private static boolean isLoad(Input input) {
        return input.json().has("op") && input.json().has("rps") && input.json().has("connections");
    }

    private void addLoad(Input input) throws UsageException {
        JsonObject json = input.json();
        String label = input.label();
        if (label == null) {
            label = json.get("server").getAsString();
            if (loadConnections.size() > 1) {
                label += " c=" + json.get("connections").getAsInt();
            }
        }
        put(loadRps, label, json.get("op").getAsString(), json.get("rps").getAsDouble(), input.file());
    }

    private void addSeed(Input input) throws UsageException {
        String label = input.label() != null ? input.label() : seedLabel(input.file());
        for (Map.Entry<String, JsonElement> operation : input.json().entrySet()) {
            JsonElement times = operation.getValue();
            if (!times.isJsonObject() || !times.getAsJsonObject().has("single_threaded")
                    || !times.getAsJsonObject().has("multi_threaded")) {
                throw new BenchmarkException(input.file() + " is neither a seed result ({\"Read\": {\"single_threaded\": ms, "
                        + "\"multi_threaded\": ms}, ...}) nor a load result ({\"op\": ..., \"rps\": ...})");
            }
            JsonObject both = times.getAsJsonObject();
            put(seedSingle, label, operation.getKey(), both.get("single_threaded").getAsDouble(), input.file());
            put(seedMulti, label, operation.getKey(), both.get("multi_threaded").getAsDouble(), input.file());
        }
    }

    private static String seedLabel(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            name = name.substring(0, name.length() - ".json".length());
        }
        return name.startsWith(SEED_PREFIX) && name.length() > SEED_PREFIX.length()
                ? name.substring(SEED_PREFIX.length()) : name;
    }

    private static void put(Map<String, Map<String, Double>> table, String series, String operation, double value,
                            Path file) throws UsageException {
        Double earlier = table.computeIfAbsent(series, s -> new LinkedHashMap<>()).putIfAbsent(operation, value);
        if (earlier != null) {
            throw new UsageException("two results for " + series + " / " + operation + " (the second in " + file
                    + "); name the series apart with LABEL=FILE");
        }
    }
}
