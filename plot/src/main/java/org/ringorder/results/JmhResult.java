package org.ringorder.results;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result (one benchmark at one param set) as ringorder reads it: the score per call and,
 * divided by the entries each call touches, per entry, with JMH's 99.9% confidence interval.
 */
public record JmhResult(String benchmark, Map<String, String> params, double score, double error,
                 double low, double high, String unit, Map<String, Estimate> secondary) {

    /** The concurrent workload's benchmark class: its groups report rates, not times. */
    public static final String WORKLOAD = "RingWorkloadBench";

    /** Threads of a workload group that are not vCPUs: the reaper (placement collector), or collector and reset. */
    static int supportThreads(String group) {
        return group.equals("collector") ? 1 : 2;
    }

    /** Whether this is a concurrent-workload result (throughput with rates as secondary metrics). */
    public boolean workload() {
        return benchmark.contains("." + WORKLOAD + ".");
    }

    /** A secondary metric (e.g. the workload's {@code recycled}), if JMH reported it. */
    public java.util.Optional<Estimate> metric(String name) {
        return java.util.Optional.ofNullable(secondary.get(name));
    }

    /** Short name: the benchmark class without package and "Bench", e.g. {@code Reset.reset}. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        String cls = parts.length >= 2 ? parts[parts.length - 2] : benchmark;
        return cls.replace("Bench", "") + "." + parts[parts.length - 1];
    }

    /**
     * Values a param has where a result does not carry it: results from before the native backend,
     * and benchmarks without a backend param, are the JVM's.
     */
    private static final Map<String, String> DEFAULTS = Map.of("backend", "jvm");

    public String param(String name) {
        String v = params.get(name);
        return v != null ? v : DEFAULTS.getOrDefault(name, "-");
    }

    /** Entries one call touches: every ring's entries for reset and harvest, one ring for the scans (not for the workload). */
    public long entriesPerCall() {
        long entries = Long.parseLong(params.getOrDefault("ringSize", "1"));
        if (params.containsKey("vcpus")) {
            entries *= Long.parseLong(params.get("vcpus"));
        }
        return entries;
    }

    public double perEntry() {
        return score / entriesPerCall();
    }

    public double perEntryLow() {
        return low / entriesPerCall();
    }

    public double perEntryHigh() {
        return high / entriesPerCall();
    }

    public double perEntryError() {
        return error / entriesPerCall();
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

    /** Reads JMH's {@code -rf json} output; a truncated or foreign file is one clear error. */
    public static List<JmhResult> read(Path file) {
        JsonElement root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = JsonParser.parseReader(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("no " + file + ": the run directory lacks JMH's results");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        } catch (JsonParseException e) {
            throw new UserError(file + " is not complete JSON (truncated?): " + firstLine(e.getMessage()));
        }
        if (!root.isJsonArray()) {
            throw new UserError(file + " is not JMH results: expected a JSON array of benchmark results");
        }
        List<JmhResult> out = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray()) {
            out.add(parse(file, e));
        }
        return out;
    }

    private static JmhResult parse(Path file, JsonElement e) {
        try {
            JsonObject o = e.getAsJsonObject();
            Map<String, String> params = new LinkedHashMap<>();
            if (o.has("params")) {
                o.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            }
            JsonObject pm = o.getAsJsonObject("primaryMetric");
            JsonArray ci = pm.getAsJsonArray("scoreConfidence");
            String benchmark = o.get("benchmark").getAsString();
            Map<String, Estimate> secondary = new LinkedHashMap<>();
            if (o.has("secondaryMetrics")) {
                o.getAsJsonObject("secondaryMetrics").entrySet().forEach(m -> secondary.put(m.getKey(), new Estimate(
                        m.getValue().getAsJsonObject().get("score").getAsDouble(),
                        m.getValue().getAsJsonObject().get("scoreError").getAsDouble())));
            }
            if (benchmark.contains("." + WORKLOAD + ".") && o.has("threads")) {
                // JMH's JSON keeps the total thread count, not the -tg split: the vCPUs are the rest
                String group = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                params.put("vcpus", String.valueOf(o.get("threads").getAsInt() - supportThreads(group)));
            }
            return new JmhResult(benchmark, params, pm.get("score").getAsDouble(),
                    pm.get("scoreError").getAsDouble(), ci.get(0).getAsDouble(), ci.get(1).getAsDouble(),
                    pm.get("scoreUnit").getAsString(), secondary);
        } catch (RuntimeException ex) {
            throw new UserError(file + " is not JMH results: an entry lacks benchmark, params or primaryMetric");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
