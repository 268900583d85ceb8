package org.ringorder.results;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** {@code figures.csv}: every measured figure of a run, one row per benchmark and setting. */
public final class Figures {
    private Figures() {
    }

    public static String csv(List<JmhResult> results) {
        TreeSet<String> params = new TreeSet<>();
        results.forEach(r -> params.addAll(r.params().keySet()));
        params.remove("strategy");
        StringBuilder sb = new StringBuilder("benchmark,strategy");
        params.forEach(p -> sb.append(',').append(p));
        sb.append(",metric,unit,value,error_999,low_999,high_999\n");
        for (JmhResult r : results) {
            StringBuilder key = new StringBuilder(r.shortName()).append(',').append(r.param("strategy"));
            params.forEach(p -> key.append(',').append(r.params().getOrDefault(p, "")));
            if (r.workload()) {
                r.secondary().forEach((name, e) -> row(sb, key, name, name.startsWith("stale") || name.startsWith("short")
                        ? "count" : "per second", e));
            } else {
                row(sb, key, "ns_per_entry", "ns", new Estimate(r.perEntry(), r.perEntryError()));
                row(sb, key, "ns_per_call", "ns", new Estimate(r.score(), r.error()));
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, CharSequence key, String metric, String unit, Estimate e) {
        sb.append(key).append(',').append(metric).append(',').append(unit).append(',').append(num(e.value()))
                .append(',').append(num(e.error())).append(',').append(num(e.low())).append(',').append(num(e.high())).append('\n');
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
