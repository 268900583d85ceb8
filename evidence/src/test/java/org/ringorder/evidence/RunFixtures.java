package org.ringorder.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writes small synthetic run directories through the same records and writer a run uses: env.json and a jmh.json in JMH's shape. */
public final class RunFixtures {
    /** Fork-to-fork offsets of every fixture: three forks, evenly spread around the value. */
    static final double[] FORKS = {-1, 0, 1};
    /** Five forks for the paired fixtures, as a quick run has them. */
    static final double[] PAIRED_FORKS = {-1, -0.5, 0, 0.5, 1};

    private RunFixtures() {
    }

    /**
     * A result of an independent-forks benchmark: benchmark short class, strategy, ringSize, vcpus,
     * ns per entry, and the forks' relative spread around it (each fork ±spread).
     */
    public record Row(String bench, String strategy, int ringSize, int vcpus, double perEntry, double spread) {
    }

    /**
     * A paired result (PairedBench, ringSize 4096, vcpus 1): the strategy's cost over plain's, the
     * forks' relative spread of that ratio, plain's ns per entry, and the backend.
     */
    public record Pair(String strategy, double ratio, double spread, double plainPerEntry, String backend) {
    }

    public static Path write(Path dir, String arch, boolean completed, int formatVersion, Row... rows) throws IOException {
        return write(dir, arch, completed, formatVersion, List.of(rows), List.of());
    }

    public static Path write(Path dir, String arch, boolean completed, int formatVersion, List<Row> rows, List<Pair> pairs)
            throws IOException {
        Files.createDirectories(dir);
        Run.writeEnv(dir, env(arch, completed, formatVersion));
        List<JmhRecord> records = new ArrayList<>();
        rows.forEach(r -> records.add(record(r)));
        pairs.forEach(p -> records.add(record(p)));
        Json.write(dir.resolve(Run.JMH), records);
        return dir;
    }

    public static EnvRecord env(String arch, boolean completed, int formatVersion) {
        return new EnvRecord(formatVersion, "0.1.0", "abc", "quick", "2026-12-01T00:00:00Z", null, completed, arch, "Test CPU",
                new EnvRecord.Cores(2, 1, 2, 1), "6.1", "Test OS", null,
                new EnvRecord.JvmInfo("/jdk", 17, "Test", "17.0.0", "Test VM", List.of(), null), null, null, null, null, null,
                null, null);
    }

    static JmhRecord record(Row r) {
        boolean scan = r.bench().equals("BareScan");
        long entries = (long) r.ringSize() * (scan ? 1 : r.vcpus());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("strategy", r.strategy());
        params.put("ringSize", String.valueOf(r.ringSize()));
        if (scan) {
            params.put("layout", "heap");
        } else {
            params.put("vcpus", String.valueOf(r.vcpus()));
            params.put("roles", "all");
            params.put("pattern", "sequential");
        }
        List<List<Double>> raw = new ArrayList<>();
        for (double f : FORKS) {
            double v = r.perEntry() * entries * (1 + r.spread() * f);
            raw.add(List.of(v, v));
        }
        String method = Map.of("Reset", "reset", "Harvest", "harvest", "BareScan", "scan").get(r.bench());
        return new JmhRecord("org.ringorder.bench." + r.bench() + "Bench." + method, "avgt", 1, FORKS.length, List.of(),
                "17", "17", params, metric(raw, "ns/op"), Map.of());
    }

    static JmhRecord record(Pair p) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("strategy", p.strategy());
        params.put("reference", "plain");
        params.put("ringSize", "4096");
        params.put("vcpus", "1");
        params.put("roles", "all");
        params.put("pattern", "sequential");
        params.put("backend", p.backend());
        double pairs = 10_000;
        double refNanos = p.plainPerEntry() * 4096 * pairs;
        Map<String, List<List<Double>>> counters = new LinkedHashMap<>();
        for (String c : List.of("pairs", "refHarvestNanos", "refResetNanos", "testHarvestNanos", "testResetNanos")) {
            counters.put(c, new ArrayList<>());
        }
        for (double f : PAIRED_FORKS) {
            double test = refNanos * p.ratio() * (1 + p.spread() * f);
            counters.get("pairs").add(List.of(pairs, pairs, pairs));
            counters.get("refHarvestNanos").add(List.of(refNanos * 0.4, refNanos * 0.4, refNanos * 0.4));
            counters.get("refResetNanos").add(List.of(refNanos * 0.6, refNanos * 0.6, refNanos * 0.6));
            counters.get("testHarvestNanos").add(List.of(test * 0.4, test * 0.4, test * 0.4));
            counters.get("testResetNanos").add(List.of(test * 0.6, test * 0.6, test * 0.6));
        }
        Map<String, JmhRecord.Metric> secondary = new LinkedHashMap<>();
        counters.forEach((k, v) -> secondary.put(k, metric(v, "#")));
        List<List<Double>> primary = new ArrayList<>();
        for (double ignored : PAIRED_FORKS) {
            primary.add(List.of(60_000.0, 60_000.0, 60_000.0));
        }
        return new JmhRecord("org.ringorder.bench.paired.PairedBench.pair", "avgt", 1, PAIRED_FORKS.length, List.of(), "17", "17",
                params, metric(primary, "ns/op"), secondary);
    }

    static JmhRecord.Metric metric(List<List<Double>> raw, String unit) {
        double sum = 0;
        int n = 0;
        for (List<Double> row : raw) {
            for (double v : row) {
                sum += v;
                n++;
            }
        }
        double mean = sum / n;
        return new JmhRecord.Metric(mean, Double.NaN, List.of(mean, mean), unit, raw);
    }

    /** Harvest and reset rows for every strategy at 4096/1, from per-strategy (harvest, reset) costs. */
    public static Row[] costs(Map<String, double[]> perStrategy, double spread) {
        return perStrategy.entrySet().stream().flatMap(e -> Stream.of(
                new Row("Harvest", e.getKey(), 4096, 1, e.getValue()[0], spread),
                new Row("Reset", e.getKey(), 4096, 1, e.getValue()[1], spread))).toArray(Row[]::new);
    }
}
