package org.ringorder.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.StressRecord;
import org.ringorder.evidence.stats.Basis;
import org.ringorder.evidence.stats.Interval;

/** {@code violations}: lost or corrupted dirty pages per strategy and class, from the stress part (counts, no intervals). */
final class CorrectnessCharts {
    private CorrectnessCharts() {
    }

    static List<Chart> of(Run run) {
        List<StressRecord> stress = run.stress();
        if (stress.isEmpty()) {
            return List.of();
        }
        List<Style.Bar> bars = new ArrayList<>();
        long total = 0;
        for (StressRecord r : stress) {
            Map<String, Long> classes = Map.of("stale payloads", r.stalePayloads(), "short resets", r.shortResets(),
                    "overwrites", r.overwrites(), "lost pages", r.lostPages());
            for (String k : List.of("stale payloads", "short resets", "overwrites", "lost pages")) {
                long x = classes.get(k);
                total += x;
                bars.add(new Style.Bar(r.strategy(), k, new Interval(x, Double.NaN, Double.NaN, 1, 1, Basis.ONE_SAMPLE, false), List.of()));
            }
        }
        String title = "Violations per strategy (stress)";
        return List.of(new Chart("violations", title, "lost or corrupted dirty pages seen by the stress part, by class",
                Style.bars(title, run.label() + (total == 0 ? ": no violation seen" : ""), "class", "count", Style.Axis.ABSOLUTE, bars)));
    }
}
