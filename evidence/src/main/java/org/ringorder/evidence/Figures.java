package org.ringorder.evidence;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.evidence.stats.Mean;

/**
 * {@code figures.csv}: every measured figure of a run, one row per benchmark, setting and metric,
 * with its interval over forks at the stated confidence level (the paired results give each
 * side's ns per entry, and the ratio).
 */
public final class Figures {
    private Figures() {
    }

    public static String csv(List<JmhResult> results, double level) {
        TreeSet<String> params = new TreeSet<>();
        results.forEach(r -> params.addAll(r.params().keySet()));
        params.remove("strategy");
        String pct = Interval.trim(level * 100);
        StringBuilder sb = new StringBuilder("benchmark,strategy");
        params.forEach(p -> sb.append(',').append(p));
        sb.append(",metric,unit,value,low_").append(pct).append(",high_").append(pct).append(",forks,basis\n");
        for (PairedResult p : PairedResult.all(results)) {
            StringBuilder key = key(p.result(), params);
            for (PairedResult.Phase part : PairedResult.Phase.values()) {
                String what = part.name().toLowerCase(Locale.ROOT);
                row(sb, key, what + "_test_ns_per_entry", "ns", p.perEntry(PairedResult.Side.TEST, part).interval(level));
                row(sb, key, what + "_reference_ns_per_entry", "ns", p.perEntry(PairedResult.Side.REFERENCE, part).interval(level));
                row(sb, key, what + "_ratio", "test/reference", p.ratio(part).interval(level));
            }
        }
        for (PairedResult p : PairedResult.concurrent(results)) { // each side timed whole: no harvest or reset of its own
            StringBuilder key = key(p.result(), params);
            row(sb, key, "test_ns_per_entry_recycled", "ns", p.perEntry(PairedResult.Side.TEST).interval(level));
            row(sb, key, "reference_ns_per_entry_recycled", "ns", p.perEntry(PairedResult.Side.REFERENCE).interval(level));
            row(sb, key, "ratio", "test/reference", p.ratio().interval(level));
        }
        for (JmhResult r : results.stream().filter(x -> !x.paired() && !x.concurrentPaired()).toList()) { // paired: above
            StringBuilder key = key(r, params);
            if (r.workload()) {
                for (Map.Entry<String, JmhRecord.Metric> m : r.secondary().entrySet()) {
                    boolean count = m.getKey().startsWith("stale") || m.getKey().startsWith("short");
                    row(sb, key, m.getKey(), count ? "count" : "per second", JmhResult.mean(m.getValue(), 1).interval(level));
                }
            } else {
                Mean perEntry = r.perEntry();
                row(sb, key, "ns_per_entry", "ns", perEntry.interval(level));
                row(sb, key, "ns_per_call", "ns", r.perCall().interval(level));
            }
        }
        return sb.toString();
    }

    /** A row's first columns: the benchmark, the strategy and each param (empty where the result has none). */
    private static StringBuilder key(JmhResult r, TreeSet<String> params) {
        StringBuilder key = new StringBuilder(r.shortName()).append(',').append(r.param("strategy"));
        params.forEach(p -> key.append(',').append(r.params().getOrDefault(p, "")));
        return key;
    }

    private static void row(StringBuilder sb, CharSequence key, String metric, String unit, Interval i) {
        sb.append(key).append(',').append(metric).append(',').append(unit).append(',').append(num(i.point()))
                .append(',').append(num(i.low())).append(',').append(num(i.high())).append(',').append(i.forks())
                .append(',').append(i.basis().name().toLowerCase(Locale.ROOT)).append('\n');
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
