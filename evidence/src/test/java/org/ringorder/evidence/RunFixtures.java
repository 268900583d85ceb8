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

    /**
     * A concurrent paired result (ConcurrentPairedBench, ringSize 4096): the strategy's ns per entry recycled over plain's,
     * the forks' relative spread of that ratio, plain's ns per entry, the backend and the vCPUs. The test side recycles
     * fewer entries than the reference (as a dearer side does in the same time): only ns per entry compares.
     */
    public record Concurrent(String strategy, double ratio, double spread, double plainPerEntry, String backend, int vcpus) {
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

    /** Writes a run of paired and concurrent paired results, and any kvm ring rows, with {@code env} as its env.json. */
    public static Path write(Path dir, EnvRecord env, List<Pair> pairs, List<Concurrent> concurrent, List<KvmRecord> kvm)
            throws IOException {
        Files.createDirectories(dir);
        Run.writeEnv(dir, env);
        List<JmhRecord> records = new ArrayList<>();
        pairs.forEach(p -> records.add(record(p)));
        concurrent.forEach(c -> records.add(record(c)));
        Json.write(dir.resolve(Run.JMH), records);
        if (!kvm.isEmpty()) {
            Run.write(dir, Run.KVM, kvm);
        }
        return dir;
    }

    /** {@link #env} with what a test varies: the machine's /dev/kvm, the emulator (null: none) and the design (null: none). */
    public static EnvRecord env(String arch, boolean completed, EnvRecord.KvmInfo kvm, String emulated, EnvRecord.Design design) {
        EnvRecord e = env(arch, completed, Run.FORMAT_VERSION);
        return new EnvRecord(e.formatVersion(), e.ringorderVersion(), e.gitCommit(), e.profile(), e.start(), e.end(), completed, arch,
                e.cpu(), e.cores(), e.kernel(), e.os(), e.governor(), e.jvm(), null, null, kvm, null, emulated, null, design);
    }

    /** A kvm ring row of a strategy at {@code pagesPerSecond}, clean; {@code emulated}: the emulator, or null on real KVM. */
    public static KvmRecord kvmRing(String strategy, double pagesPerSecond, String emulated) {
        return new KvmRecord(null, strategy, null, "userspace", "KVM_CAP_DIRTY_LOG_RING", "x86_64", 4096L, emulated, null, null, 2000,
                0, 0, new KvmRecord.Capabilities(1 << 16, 0, null, KvmRecord.WITH_BITMAP_NOT_ENABLED, null),
                new KvmRecord.Workload(1, 4096, 256, null, "sequential", 0, null, null, null),
                new KvmRecord.Ring(1000, pagesPerSecond, 900, 1.1, 0, 0, 0, 0, 0, 0), new KvmRecord.ResetTiming(0.4, 0.3, 0.8, 1.2),
                new KvmRecord.Guest(1000, pagesPerSecond, 900), null, null);
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

    static JmhRecord record(Concurrent c) {
        double refEntries = 1_000_000;
        double testEntries = 900_000;
        Map<String, List<List<Double>>> counters = new LinkedHashMap<>();
        for (String k : List.of("refNanos", "testNanos", "refEntries", "testEntries")) {
            counters.put(k, new ArrayList<>());
        }
        for (double f : PAIRED_FORKS) {
            double ref = c.plainPerEntry() * refEntries;
            double test = c.plainPerEntry() * c.ratio() * (1 + c.spread() * f) * testEntries;
            counters.get("refNanos").add(List.of(ref, ref));
            counters.get("testNanos").add(List.of(test, test));
            counters.get("refEntries").add(List.of(refEntries, refEntries));
            counters.get("testEntries").add(List.of(testEntries, testEntries));
        }
        return concurrent(c.strategy(), c.backend(), c.vcpus(), counters);
    }

    /**
     * A ConcurrentPairedBench result with the given counters (each per fork and iteration, as JMH writes AuxCounters of
     * type EVENTS); {@code pairs}, and the verification and stall counters not given, are filled in (one pair per
     * iteration, no failure, no stall).
     */
    public static JmhRecord concurrent(String strategy, String backend, int vcpus, Map<String, List<List<Double>>> counters) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("strategy", strategy);
        params.put("reference", "plain");
        params.put("ringSize", "4096");
        params.put("vcpus", String.valueOf(vcpus));
        params.put("laps", "8");
        params.put("pattern", "sequential");
        params.put("backend", backend);
        params.put("pin", "threads");
        params.put("verify", "both");
        List<List<Double>> ones = counters.get("refNanos").stream().map(row -> row.stream().map(x -> 1.0).toList()).toList();
        List<List<Double>> zeros = counters.get("refNanos").stream().map(row -> row.stream().map(x -> 0.0).toList()).toList();
        Map<String, JmhRecord.Metric> secondary = new LinkedHashMap<>();
        counters.forEach((k, v) -> secondary.put(k, metric(v, "#")));
        secondary.putIfAbsent("pairs", metric(ones, "#"));
        for (String k : List.of("stalePayloads", "shortResets", "refStalls", "testStalls")) {
            secondary.putIfAbsent(k, metric(zeros, "#"));
        }
        return new JmhRecord("org.ringorder.bench.paired.ConcurrentPairedBench.pair", "avgt", 1, ones.size(), List.of(), "17", "17",
                params, metric(ones, "ns/op"), secondary);
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
