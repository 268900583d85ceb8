package org.ringorder.plot;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.evidence.ClaimSetting;
import org.ringorder.evidence.Costs;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.stats.Ratio;

/**
 * {@code backends}: each strategy's harvest + reset per entry in Java (C2) and in C (gcc), the
 * figures pick uses; and {@code jvm-over-native}: the JVM's cost over C's, what the JIT adds or
 * saves over gcc for the same orderings. Only where the run measured the native backend.
 */
final class BackendCharts {
    private BackendCharts() {
    }

    static List<Chart> of(Run run, Pick.Rule rule) {
        Costs jvm = Costs.of(run, "jvm");
        Costs inC = Costs.of(run, "native");
        if (inC.isEmpty() || jvm.isEmpty()) {
            return List.of();
        }
        List<Style.Bar> cost = new ArrayList<>();
        List<Style.Bar> over = new ArrayList<>();
        for (Costs.Cost j : jvm.byStrategy().values()) {
            cost.add(new Style.Bar(j.strategy(), "harvest + reset (JVM)", j.perEntry().interval(rule.level()), List.of()));
            inC.of(j.strategy()).ifPresent(c -> {
                cost.add(new Style.Bar(c.strategy(), "harvest + reset (C)", c.perEntry().interval(rule.level()), List.of()));
                over.add(new Style.Bar(c.strategy(), "harvest + reset", Ratio.independent(j.perEntry(), c.perEntry())
                        .interval(rule.level()), List.of()));
            });
        }
        String sub = run.label() + ", " + Headline.words(ClaimSetting.CLAIM.params());
        return List.of(
                new Chart("backends", "JVM against native (C11) by strategy", "ns per entry, the same kernels in Java (JIT) and "
                        + "in C (gcc -O2, one JNI call per ring pass), " + rule.levelWords() + " CI over forks",
                        Style.bars("JVM against native (C11) by strategy", sub, "", "ns per entry", Style.Axis.ABSOLUTE, cost)),
                new Chart("jvm-over-native", "JVM cost over native cost", "each strategy's JVM cost over its C cost in the same "
                        + "run (1.0: the JIT adds nothing)", Style.bars("JVM cost over native cost", sub, "",
                        "JVM / C (1.0 = same as C)", Style.Axis.RELATIVE_TO_PLAIN, over)));
    }
}
