package org.ringorder.cli;

import java.util.List;
import java.util.Map;

/**
 * The claim's second stage: per backend, the forks its first stage's spread asked for (none when
 * the first stage was already narrow enough), each a JMH run of its own at the same setting; the
 * evidence joins both stages' forks ({@code PairedResult}).
 */
final class ClaimSecondStage implements Part {
    private final Decision decision;
    private final List<String> backends;
    private final List<String> iterations;
    private final double secondsPerFork;
    private int index;

    ClaimSecondStage(Decision decision, List<String> backends, List<String> iterations, double secondsPerFork) {
        this.decision = decision;
        this.backends = backends;
        this.iterations = iterations;
        this.secondsPerFork = secondsPerFork;
    }

    ClaimSecondStage at(int index) {
        this.index = index;
        return this;
    }

    public String name() {
        return "claim-stage-2";
    }

    public String detail() {
        Map<String, Integer> more = decision.moreForks();
        return more.isEmpty() ? "the forks the first stage's spread asks for" : "more forks: " + more;
    }

    public double estimate() {
        return decision.moreForks().values().stream().mapToInt(Integer::intValue).sum() * secondsPerFork;
    }

    public void run(RunContext ctx) {
        for (String backend : backends) {
            int more = decision.moreForks().getOrDefault(backend, 0);
            if (more > 0) {
                new JmhPart("claim-more-" + backend, "acquire-load against plain on " + backend, "PairedBench\\.",
                        Plan.paired("acquire-load", backend), 1, () -> more, iterations, secondsPerFork, null).at(index).run(ctx);
            }
        }
    }
}
