package org.ringorder.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ringorder.evidence.ClaimSetting;
import org.ringorder.evidence.Costs;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.PairedResult;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.stats.Mean;
import org.ringorder.evidence.stats.Ratio;
import org.ringorder.strategy.Strategies;

/**
 * {@code cost} (ns per entry by strategy) and {@code relative} (each strategy over plain), with a
 * point per fork beside each bar. From the paired results where the run has them: each strategy's
 * harvest, reset and both, and its ratio to the plain it ran beside (plain's own bar is the null
 * pair: plain against a separate copy of itself). Else from the independent-fork benchmarks at
 * the headline setting.
 */
final class CostCharts {
    /** The independent-fork benchmarks charted, with their axis wording. */
    static final Map<String, String> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("Reset.reset", "reset ioctl");
        BENCHMARKS.put("Harvest.harvest", "harvest pass");
        BENCHMARKS.put("BareScan.scan", "bare scan");
    }

    private static final Map<PairedResult.Phase, String> PARTS = Map.of(
            PairedResult.Phase.HARVEST, "harvest pass", PairedResult.Phase.RESET, "reset ioctl", PairedResult.Phase.BOTH, "harvest + reset");

    private CostCharts() {
    }

    static List<Chart> of(Run run, Pick.Rule rule) {
        List<PairedResult> paired = PairedResult.all(run.results()).stream().filter(p -> p.result().matches(ClaimSetting.CLAIM.params())).toList();
        return paired.isEmpty() ? independent(run, rule) : paired(run, paired, rule);
    }

    private static List<Chart> paired(Run run, List<PairedResult> paired, Pick.Rule rule) {
        List<Style.Bar> cost = new ArrayList<>();
        List<Style.Bar> relative = new ArrayList<>();
        for (String backend : List.of("jvm", "native")) {
            String suffix = backend.equals("jvm") ? " (JVM)" : " (C)";
            for (PairedResult p : paired.stream().filter(x -> x.backend().equals(backend)).toList()) {
                boolean nullPair = p.strategy().equals(Costs.REFERENCE);
                for (PairedResult.Phase part : List.of(PairedResult.Phase.HARVEST, PairedResult.Phase.RESET, PairedResult.Phase.BOTH)) {
                    PairedResult.Side side = nullPair ? PairedResult.Side.REFERENCE : PairedResult.Side.TEST;
                    String cat = PARTS.get(part) + suffix;
                    cost.add(new Style.Bar(p.strategy(), cat, p.perEntry(side, part).interval(rule.level()),
                            p.forkPerEntry(side, part)));
                    relative.add(new Style.Bar(p.strategy(), cat, p.ratio(part).interval(rule.level()), p.forkRatios(part)));
                }
            }
        }
        String sub = run.label() + ", " + Headline.words(ClaimSetting.CLAIM.params()) + "; each strategy paired with plain in the same forks";
        String level = rule.levelWords();
        return List.of(
                new Chart("cost", "Cost per entry by strategy", "ns per entry, " + level + " confidence intervals over forks, "
                        + "a point per fork; plain's bars are the null pair's reference side",
                        Style.bars("Cost per entry by strategy", sub, "", "ns per entry", Style.Axis.ABSOLUTE, cost)),
                new Chart("relative", "Cost relative to plain", "each strategy over the plain it ran beside, fork by fork ("
                        + level + " CI, a point per fork); plain's bar is the null pair, which must sit on 1.0",
                        Style.bars("Cost relative to plain", sub, "", "cost / plain cost (1.0 = same as plain)",
                                Style.Axis.RELATIVE_TO_PLAIN, relative)));
    }

    private static List<Chart> independent(Run run, Pick.Rule rule) {
        List<JmhResult> rs = run.results();
        Map<String, String> head = Headline.of(rs);
        List<Style.Bar> cost = new ArrayList<>();
        List<Style.Bar> relative = new ArrayList<>();
        for (String b : BENCHMARKS.keySet()) {
            Optional<JmhResult> plain = Headline.find(rs, b, Costs.REFERENCE, head);
            for (String s : Strategies.NAMES) {
                Headline.find(rs, b, s, head).ifPresent(x -> {
                    Mean m = x.perEntry();
                    cost.add(new Style.Bar(s, BENCHMARKS.get(b), m.interval(rule.level()), x.forkPerEntry()));
                    plain.ifPresent(p -> {
                        Ratio r = s.equals(Costs.REFERENCE) ? Ratio.one(m.forks()) : Ratio.independent(m, p.perEntry());
                        double base = p.perEntry().value();
                        relative.add(new Style.Bar(s, BENCHMARKS.get(b), r.interval(rule.level()),
                                x.forkPerEntry().stream().map(v -> v / base).toList()));
                    });
                });
            }
        }
        if (cost.isEmpty()) {
            return List.of();
        }
        String sub = run.label() + ", " + Headline.words(head) + "; one strategy per fork";
        List<Chart> out = new ArrayList<>();
        out.add(new Chart("cost", "Cost per entry by strategy", "ns per entry, confidence intervals over forks, a point per fork, "
                + Headline.words(head), Style.bars("Cost per entry by strategy", sub, "", "ns per entry", Style.Axis.ABSOLUTE, cost)));
        if (!relative.isEmpty()) {
            out.add(new Chart("relative", "Cost relative to plain", "each strategy's cost over plain's, independent forks, "
                    + Headline.words(head), Style.bars("Cost relative to plain", sub, "", "cost / plain cost (1.0 = same as plain)",
                    Style.Axis.RELATIVE_TO_PLAIN, relative)));
        }
        return out;
    }
}
