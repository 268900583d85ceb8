package org.ringorder.parts;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.evidence.Pick;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * The decision, paired and sequential: the null pairs first (the machine's noise, on record), then
 * every other known-safe candidate against plain for the pick (far from plain: a first look
 * decides them), then the claim (acquire-load against plain) with all the time left, each group
 * within the share of the budget {@link Decision} gives it. Its verdict lines are pick's.
 */
public final class DecisionSpec implements PartSpec {
    public String name() {
        return "decision";
    }

    public String summary() {
        return "null pairs, claims and candidates, paired and sequential";
    }

    public List<Part> parts(Plan plan) {
        Decision d = plan.decision;
        if (d == null) {
            return List.of();
        }
        Profile.Settings p = plan.profile.settings;
        List<Part> parts = new ArrayList<>();
        parts.add(new DecisionGroup("null-pairs", DecisionGroup.NULL_PAIR, PairedWorkload.ORDERING_POINTS, d, List.of("plain"),
                plan.backends, p.firstLook));
        List<String> others = Strategies.NAMES.stream()
                .filter(s -> Safety.of(s).safe() && !s.equals(Pick.CLAIMED) && plan.strategies.contains(s)).toList();
        if (!others.isEmpty()) {
            parts.add(new DecisionGroup("candidates", DecisionGroup.CANDIDATE, PairedWorkload.ORDERING_POINTS, d, others, List.of("jvm"),
                    p.candidateFirstLook));
        }
        parts.add(new DecisionGroup("claim", DecisionGroup.CLAIM, PairedWorkload.ORDERING_POINTS, d, List.of(Pick.CLAIMED),
                plan.backends, p.firstLook));
        // one vCPU and the collector, a CPU each; unasked in smoke and full, asked by --only concurrent in any profile
        if ((p.concurrent || plan.benchmarks.contains("concurrent")) && plan.strategies.contains(Pick.CLAIMED) && plan.cpus >= 2) {
            // context for the claim, after it: the same rule on the concurrent workload, its own null pair first
            parts.add(new DecisionGroup("concurrent-null-pairs", DecisionGroup.NULL_PAIR, PairedWorkload.CONCURRENT, d, List.of("plain"),
                    plan.backends, p.firstLook));
            parts.add(new DecisionGroup("concurrent-claim", DecisionGroup.CLAIM, PairedWorkload.CONCURRENT, d, List.of(Pick.CLAIMED),
                    plan.backends, p.firstLook));
        }
        return parts;
    }
}
