package org.ringorder.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.PairedResult;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.stats.Ratio;

/**
 * The microbenchmarks' summary: ns per entry with its interval over forks, and each strategy
 * against plain in the verdict's own words and arithmetic ({@link Ratio}, {@link Pick.Rule}): a
 * paired result against the plain it ran beside, an independent one against plain's result at the
 * same benchmark and setting in the same run.
 */
final class MicroTable {
    private MicroTable() {
    }

    static void print(List<JmhResult> results, PrintWriter out, Pick.Rule rule) {
        int width = results.stream().mapToInt(r -> setting(r).length()).max().orElse(7);
        String row = "%-22s %-14s %-" + width + "s %-40s %s%n";
        out.printf(Locale.ROOT, row, "benchmark", "strategy", "setting", "figure (" + rule.levelWords() + " CI over forks)",
                "against plain (margin " + rule.marginWords() + ")");
        for (JmhResult r : results) {
            out.printf(Locale.ROOT, row, r.shortName(), r.param("strategy"), setting(r), figure(r, rule), against(r, results, rule));
        }
    }

    private static String figure(JmhResult r, Pick.Rule rule) {
        if (r.paired() || r.concurrentPaired()) { // the concurrent pairing's figure: ns per entry recycled
            return new PairedResult(r).perEntry(PairedResult.Side.TEST, PairedResult.Phase.BOTH).interval(rule.level()).format("%.3f")
                    + " ns/entry";
        }
        if (r.workload()) {
            return r.metric("recycled").map(m -> JmhResult.mean(m, 1e6).interval(rule.level()).format("%.3f") + " M/s").orElse("-");
        }
        return r.perEntry().interval(rule.level()).format("%.3f") + " ns/entry";
    }

    private static String against(JmhResult r, List<JmhResult> all, Pick.Rule rule) {
        if (r.workload()) {
            return "-";
        }
        if (r.paired() || r.concurrentPaired()) {
            return (r.param("strategy").equals(r.param("reference")) ? "null pair: " : "") + rule.judge(new PairedResult(r).ratio()).phrase();
        }
        if (r.param("strategy").equals("plain")) {
            return "(the reference)";
        }
        Optional<JmhResult> plain = all.stream().filter(p -> sameSetting(p, r) && p.param("strategy").equals("plain")).findFirst();
        return plain.map(p -> rule.judge(Ratio.independent(r.perEntry(), p.perEntry())).phrase()).orElse("-");
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
}
