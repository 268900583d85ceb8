package org.ringorder.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ringorder.results.JmhResult;

/**
 * The microbenchmarks' summary: ns per entry with JMH's 99.9% interval, and the cost relative
 * to {@code plain} measured in the same run at the same benchmark and params. The ratio's
 * interval is the conservative one from the two intervals' ends (low/high, high/low).
 */
final class MicroTable {
    private MicroTable() {
    }

    static void print(List<JmhResult> results, PrintWriter out) {
        int width = results.stream().mapToInt(r -> setting(r).length()).max().orElse(7);
        String row = "%-22s %-14s %-" + width + "s %22s %24s%n";
        out.printf(Locale.ROOT, row, "benchmark", "strategy", "setting", "ns/entry (99.9% CI)", "vs plain (99.9% CI)");
        for (JmhResult r : results) {
            JmhResult plain = results.stream().filter(p -> sameSetting(p, r) && p.param("strategy").equals("plain"))
                    .findFirst().orElse(null);
            out.printf(Locale.ROOT, row,
                    r.shortName(), r.param("strategy"), setting(r),
                    r.workload() ? recycled(r) : interval(r.perEntry(), r.perEntryError()), r.workload() ? "-" : ratio(r, plain));
        }
    }

    /** Every param but the strategy, e.g. {@code ringSize=4096 vcpus=1 roles=all}. */
    private static String setting(JmhResult r) {
        StringBuilder sb = new StringBuilder();
        r.params().forEach((k, v) -> {
            if (!k.equals("strategy")) {
                sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    private static boolean sameSetting(JmhResult a, JmhResult b) {
        if (!a.benchmark().equals(b.benchmark())) {
            return false;
        }
        for (var e : b.params().entrySet()) {
            if (!e.getKey().equals("strategy") && !Objects.equals(a.params().get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The workload reports a rate, not a time: million entries recycled per second. */
    private static String recycled(JmhResult r) {
        return r.metric("recycled").map(e -> interval(e.value() / 1e6, e.error() / 1e6) + " M/s").orElse("-");
    }

    private static String interval(double v, double err) {
        return Double.isNaN(err) ? String.format(Locale.ROOT, "%.3f (one sample)", v)
                : String.format(Locale.ROOT, "%.3f ± %.3f", v, err);
    }

    private static String ratio(JmhResult r, JmhResult plain) {
        if (plain == null) {
            return "-";
        }
        if (plain == r) {
            return "1.00x (baseline)";
        }
        double mid = r.score() / plain.score();
        if (Double.isNaN(r.error()) || Double.isNaN(plain.error())) {
            return String.format(Locale.ROOT, "%.2fx", mid);
        }
        return String.format(Locale.ROOT, "%.2fx (%.2f..%.2f)", mid, r.low() / plain.high(), r.high() / plain.low());
    }
}
