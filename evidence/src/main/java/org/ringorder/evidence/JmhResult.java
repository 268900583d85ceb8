package org.ringorder.evidence;

import com.google.gson.JsonElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ringorder.evidence.stats.Mean;

/**
 * One JMH result (one benchmark at one param set) as ringorder reads it: JMH's record, its params
 * (with the values a result lacks filled in), and its figures as fork-level {@link Mean}s, per call
 * and, divided by the entries each call touches, per entry.
 */
public record JmhResult(JmhRecord record, Map<String, String> params) {
    /** The concurrent workload's benchmark class: its groups report rates, not times. */
    public static final String WORKLOAD = "RingWorkloadBench";
    /** The paired benchmark: a strategy and the reference in the same forks. */
    public static final String PAIRED = "PairedBench";
    /**
     * The concurrent workload's paired benchmark: a strategy and the reference, each a whole multi-vCPU workload, in the
     * same forks. {@link #paired} does not match it (its name ends in PAIRED, after no dot): the ordering points' readers
     * never see it.
     */
    public static final String CONCURRENT_PAIRED = "ConcurrentPairedBench";

    /**
     * Values a param has where a result does not carry it: results from before the native backend,
     * and benchmarks without a backend param, are the JVM's.
     */
    private static final Map<String, String> DEFAULTS = Map.of("backend", "jvm");

    /** Threads of a workload group that are not vCPUs: the reaper (placement collector), or collector and reset. */
    static int supportThreads(String group) {
        return group.equals("collector") ? 1 : 2;
    }

    /** Reads JMH's {@code -rf json} output; a missing, truncated or foreign file is one clear error. */
    public static List<JmhResult> read(Path file) {
        JsonElement root;
        try {
            root = Json.readTree(file);
        } catch (UserError e) {
            if (e.getMessage().equals("no " + file)) {
                throw new UserError("no " + file + ": the run directory lacks JMH's results");
            }
            throw e;
        }
        if (!root.isJsonArray()) {
            throw new UserError(file + " is not JMH results: expected a JSON array of benchmark results");
        }
        List<JmhResult> out = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray()) {
            JmhRecord r;
            try {
                r = Json.map(e, JmhRecord.class);
            } catch (RuntimeException ex) {
                r = null;
            }
            if (r == null || r.benchmark() == null || r.primaryMetric() == null) {
                throw new UserError(file + " is not JMH results: an entry lacks benchmark, params or primaryMetric");
            }
            out.add(of(r));
        }
        return out;
    }

    /** A result with its params completed: the workload's vCPUs are its threads less the group's own. */
    public static JmhResult of(JmhRecord r) {
        Map<String, String> params = new LinkedHashMap<>(r.params() == null ? Map.of() : r.params());
        if (r.benchmark().contains("." + WORKLOAD + ".") && r.threads() > 0) {
            String group = r.benchmark().substring(r.benchmark().lastIndexOf('.') + 1);
            params.put("vcpus", String.valueOf(r.threads() - supportThreads(group)));
        }
        return new JmhResult(r, params);
    }

    public String benchmark() {
        return record.benchmark();
    }

    /** Whether this is a concurrent-workload result (throughput with rates as secondary metrics). */
    public boolean workload() {
        return benchmark().contains("." + WORKLOAD + ".");
    }

    /** Whether this is a paired result: a strategy and the reference measured together. */
    public boolean paired() {
        return benchmark().contains("." + PAIRED + ".");
    }

    /** Whether this is a concurrent paired result: a strategy's workload and the reference's measured together. */
    public boolean concurrentPaired() {
        return benchmark().contains("." + CONCURRENT_PAIRED + ".");
    }

    /** Short name: the benchmark class without package and "Bench", e.g. {@code Reset.reset}. */
    public String shortName() {
        String[] parts = benchmark().split("\\.");
        String cls = parts.length >= 2 ? parts[parts.length - 2] : benchmark();
        return cls.replace("Bench", "") + "." + parts[parts.length - 1];
    }

    public String param(String name) {
        String v = params.get(name);
        return v != null ? v : DEFAULTS.getOrDefault(name, "-");
    }

    /**
     * Whether every param named in {@code wanted} has the given value (params this result lacks,
     * and has no default for, are ignored).
     */
    public boolean matches(Map<String, String> wanted) {
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            String v = params.getOrDefault(w.getKey(), DEFAULTS.get(w.getKey()));
            if (v != null && !v.equals(w.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** JMH's score of the primary metric (its mean over every iteration of every fork). */
    public double score() {
        return record.primaryMetric().score();
    }

    public String unit() {
        return record.primaryMetric().scoreUnit();
    }

    /** Entries one call touches: every ring's entries for reset and harvest, one ring for the scans (not for the workload). */
    public long entriesPerCall() {
        long entries = Long.parseLong(params.getOrDefault("ringSize", "1"));
        if (params.containsKey("vcpus") && !workload()) {
            entries *= Long.parseLong(params.get("vcpus"));
        }
        return entries;
    }

    /** The primary figure per call, over forks. */
    public Mean perCall() {
        return mean(record.primaryMetric(), 1);
    }

    /** The primary figure per entry, over forks. */
    public Mean perEntry() {
        return mean(record.primaryMetric(), entriesPerCall());
    }

    /** Each fork's mean per entry, for the charts' points. */
    public List<Double> forkPerEntry() {
        return forkMeans(record.primaryMetric(), entriesPerCall());
    }

    /** Each fork's mean of a metric divided by {@code divisor}. */
    public static List<Double> forkMeans(JmhRecord.Metric m, double divisor) {
        return rows(m).stream().filter(r -> !r.isEmpty())
                .map(r -> r.stream().mapToDouble(Double::doubleValue).average().orElseThrow() / divisor).toList();
    }

    /** A secondary metric (e.g. the workload's {@code recycled}), if JMH reported it. */
    public Optional<JmhRecord.Metric> metric(String name) {
        return Optional.ofNullable(record.secondaryMetrics()).map(m -> m.get(name));
    }

    /** A secondary metric over forks. */
    public Optional<Mean> metricMean(String name) {
        return metric(name).map(m -> mean(m, 1));
    }

    /** The secondary metrics by name. */
    public Map<String, JmhRecord.Metric> secondary() {
        return record.secondaryMetrics() == null ? Map.of() : record.secondaryMetrics();
    }

    /** Raw data per fork (a file without it gives its score as one sample). */
    static List<List<Double>> rows(JmhRecord.Metric m) {
        return m.rawData() == null || m.rawData().isEmpty() ? List.of(List.of(m.score())) : m.rawData();
    }

    public static Mean mean(JmhRecord.Metric m, double divisor) {
        return Mean.ofForks(rows(m), divisor);
    }
}
