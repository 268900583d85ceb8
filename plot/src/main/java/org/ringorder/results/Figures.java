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
        sb.append(",entries_per_call,ns_per_call,ns_per_call_error_999,ns_per_entry,ns_per_entry_error_999,"
                + "ns_per_entry_low_999,ns_per_entry_high_999\n");
        for (JmhResult r : results) {
            sb.append(r.shortName()).append(',').append(r.param("strategy"));
            params.forEach(p -> sb.append(',').append(r.params().getOrDefault(p, "")));
            sb.append(String.format(Locale.ROOT, ",%d,%s,%s,%s,%s,%s,%s%n", r.entriesPerCall(), num(r.score()),
                    num(r.error()), num(r.perEntry()), num(r.perEntryError()), num(r.perEntryLow()), num(r.perEntryHigh())));
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
