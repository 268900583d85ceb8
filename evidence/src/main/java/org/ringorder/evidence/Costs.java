package org.ringorder.evidence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ringorder.evidence.stats.Mean;
import org.ringorder.evidence.stats.Ratio;
import org.ringorder.strategy.Strategies;

/**
 * What each strategy costs in one run on one backend, at the setting every verdict uses
 * ({@link ClaimSetting#CLAIM}): the harvest plus the reset per entry, and that cost over plain's.
 * From the paired benchmark where the run has it (each strategy and plain in the same forks), else
 * from the reset and harvest benchmarks' independent forks (runs of format 1).
 */
public record Costs(Map<String, Cost> byStrategy, Optional<Ratio> nullPair) {
    /** The common reference every ratio is taken against. */
    public static final String REFERENCE = ClaimSetting.CLAIM.reference();
    /** No figures: a run whose timings are not used. */
    public static final Costs NONE = new Costs(Map.of(), Optional.empty());

    /** How a figure was measured. */
    public enum Source {
        PAIRED("paired with plain in the same forks"), INDEPENDENT("independent forks (one strategy per fork)");

        public final String words;

        Source(String words) {
            this.words = words;
        }
    }

    /** One strategy: ns per entry (harvest + reset) and the ratio to plain. */
    public record Cost(String strategy, Mean perEntry, Ratio vsPlain, Source source) {
    }

    public boolean isEmpty() {
        return byStrategy.isEmpty();
    }

    public Optional<Cost> of(String strategy) {
        return Optional.ofNullable(byStrategy.get(strategy));
    }

    /** The run's costs on {@code backend} ({@code jvm} or {@code native}). */
    public static Costs of(Run run, String backend) {
        Map<String, String> at = new LinkedHashMap<>(ClaimSetting.CLAIM.params());
        at.put("backend", backend);
        List<PairedResult> paired = PairedResult.all(run).stream()
                .filter(p -> p.result().matches(at) && p.result().param("reference").equals(REFERENCE)).toList();
        return paired.isEmpty() ? independent(run, at) : paired(paired);
    }

    private static Costs paired(List<PairedResult> results) {
        Map<String, Cost> out = new LinkedHashMap<>();
        Ratio nullPair = null;
        Mean plainCost = null;
        for (String s : Strategies.NAMES) {
            Optional<PairedResult> r = results.stream().filter(x -> x.strategy().equals(s)).findFirst();
            if (r.isEmpty()) {
                continue;
            }
            PairedResult p = r.get();
            if (s.equals(REFERENCE)) {
                nullPair = p.ratio();
                plainCost = p.perEntry(PairedResult.Side.REFERENCE, PairedResult.Phase.BOTH);
                out.put(s, new Cost(s, plainCost, Ratio.one(nullPair.forks()), Source.PAIRED));
            } else {
                out.put(s, new Cost(s, p.perEntry(PairedResult.Side.TEST, PairedResult.Phase.BOTH), p.ratio(), Source.PAIRED));
            }
        }
        return new Costs(out, Optional.ofNullable(nullPair));
    }

    private static Costs independent(Run run, Map<String, String> at) {
        Map<String, Mean> cost = new LinkedHashMap<>();
        for (String s : Strategies.NAMES) {
            Optional<Mean> h = perEntry(run, "Harvest.harvest", s, at);
            Optional<Mean> r = perEntry(run, "Reset.reset", s, at);
            if (h.isPresent() && r.isPresent()) {
                cost.put(s, h.get().plus(r.get()));
            }
        }
        Map<String, Cost> out = new LinkedHashMap<>();
        Mean plain = cost.get(REFERENCE);
        cost.forEach((s, m) -> out.put(s, new Cost(s, m, plain == null ? null
                : s.equals(REFERENCE) ? Ratio.one(m.forks()) : Ratio.independent(m, plain), Source.INDEPENDENT)));
        return new Costs(out, Optional.empty());
    }

    static Optional<Mean> perEntry(Run run, String benchmark, String strategy, Map<String, String> at) {
        return run.results().stream()
                .filter(x -> x.shortName().equals(benchmark) && x.param("strategy").equals(strategy) && x.matches(at))
                .findFirst().map(JmhResult::perEntry);
    }
}
