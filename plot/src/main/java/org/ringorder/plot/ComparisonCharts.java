package org.ringorder.plot;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.evidence.ClaimSetting;
import org.ringorder.evidence.Costs;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;

/**
 * A comparison's charts, from the figures pick uses: {@code claim} (a row per run and backend,
 * the headline), {@code compare-cost} (harvest + reset ns per
 * entry, a group of bars per run) and {@code compare-relative} (each strategy over plain on the
 * same machine: the figure to compare across machines, since absolute ns are not comparable).
 * Runs under emulation are left out: their timings mean nothing.
 */
final class ComparisonCharts {
    private ComparisonCharts() {
    }

    /** {@code pick}: the comparison's pick, whose timed claims the headline shows. */
    static List<Chart> of(List<Run> runs, Pick.Result pick, Pick.Rule rule) {
        List<Style.Bar> cost = new ArrayList<>();
        List<Style.Bar> relative = new ArrayList<>();
        for (Run run : runs) {
            if (run.emulated() != null) {
                continue;
            }
            for (String backend : List.of("jvm", "native")) {
                String label = run.label() + (backend.equals("jvm") ? "" : ", C");
                for (Costs.Cost c : Costs.of(run, backend).byStrategy().values()) {
                    cost.add(new Style.Bar(c.strategy(), label, c.perEntry().interval(rule.level()), List.of()));
                    if (c.vsPlain() != null) {
                        relative.add(new Style.Bar(c.strategy(), label, c.vsPlain().interval(rule.level()), List.of()));
                    }
                }
            }
        }
        List<Chart> charts = new ArrayList<>(ClaimChart.of(pick.timedClaims(), rule, true));
        if (cost.isEmpty()) {
            return charts;
        }
        String sub = runs.size() + " runs, each at " + Headline.words(ClaimSetting.CLAIM.params());
        charts.addAll(List.of(
                new Chart("compare-cost", "Harvest + reset: cost per entry by machine", "ns per entry, " + rule.levelWords()
                        + " CI over forks", Style.bars("Harvest + reset: cost per entry by machine", sub, "run", "ns per entry",
                        Style.Axis.ABSOLUTE, cost)),
                new Chart("compare-relative", "Harvest + reset: cost relative to plain by machine", "each strategy over plain on "
                        + "the same machine", Style.bars("Harvest + reset: cost relative to plain by machine", sub, "run",
                        "cost / plain cost (1.0 = same as plain)", Style.Axis.RELATIVE_TO_PLAIN, relative))));
        return charts;
    }
}
