package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.evidence.stats.Ratio;
import org.ringorder.evidence.stats.Verdict;

/**
 * {@code ringorder pick}: the strategy flag to use, from one or more runs, and the seed's claim.
 * This class only joins the pieces, each with one job: {@link Selection} (the standings and the
 * flag), {@link Claim} (the claim's statistic at {@link ClaimSetting#CLAIM}), {@link EvidenceProse}
 * (the lines), {@link Instructions} (the asm part's reading) and {@link KvmCapabilityRule}.
 *
 * <p>A candidate's cost in a run is its harvest + reset over plain's ({@link Costs}: paired with
 * plain where the run has it). Runs whose timings came from an emulator give correctness evidence
 * and no costs. {@code plain} is never picked for lack of observed violations: on x86 it fails only
 * where the compiler reorders.
 */
public final class Pick {
    /** The seed's claim is about this strategy against plain. */
    public static final String CLAIMED = ClaimSetting.CLAIM.strategy();
    /** The equivalence margin stated in advance, unless {@code --margin} says otherwise. */
    public static final double DEFAULT_MARGIN = 0.02;
    /** The confidence level of every interval a verdict uses. */
    public static final double LEVEL = 0.95;

    /** How a run's verdicts are judged: the margin, the confidence level and the resolution, stated in advance. */
    public record Rule(double margin, double level, double resolution) {
        public static final Rule DEFAULT = new Rule(DEFAULT_MARGIN, LEVEL, Verdict.DEFAULT_RESOLUTION);

        public Rule(double margin, double level) {
            this(margin, level, Verdict.DEFAULT_RESOLUTION);
        }

        public Verdict judge(Ratio r) {
            return Verdict.judge(r, margin, level, resolution);
        }

        /** E.g. {@code ±0.5%}. */
        public String resolutionWords() {
            return "±" + Interval.trim(resolution * 100) + "%";
        }

        /** E.g. {@code 95%}. */
        public String levelWords() {
            return Interval.trim(level * 100) + "%";
        }

        /** E.g. {@code ±2%}. */
        public String marginWords() {
            return "±" + Interval.trim(margin * 100) + "%";
        }
    }

    /**
     * One run as pick read it: its costs on each backend (none where its timings are not used),
     * each strategy's verdict against plain in words ({@code vsPlain}: the claim's own words for
     * {@link #CLAIMED}, none for plain), the null pair's verdict, the KVM capability rule, and the line.
     */
    public record Evidence(Run run, Costs costs, Costs inC, Map<String, String> vsPlain, Optional<Verdict> nullPair,
                           Optional<String> kvmRule, String line) {
    }

    /**
     * What pick found: the flag, each run's evidence, the claim lines, the warnings, why, the standings, the timed claims
     * (the flag's rule reads these), and the claim at three levels per run whose timings are used ({@link ClaimLevels}:
     * context, never read by the rule).
     */
    public record Result(Optional<String> flag, List<Evidence> evidence, List<String> claims, List<String> warnings,
                         String why, List<Standing> standings, List<Claim> timedClaims, List<ClaimLevels> levels) {
        /** A strategy's standing in this pick. */
        public Standing standing(String strategy) {
            return Standing.of(standings, strategy);
        }

        /** The claim at three levels in {@code run}, one of its runs, unless its timings are not used. */
        public Optional<ClaimLevels> levels(Run run) {
            return levels.stream().filter(l -> l.run().equals(run)).findFirst();
        }

        /** The evidence pick read from {@code run}, one of its runs. */
        public Evidence evidence(Run run) {
            return evidence.stream().filter(e -> e.run().equals(run)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(run.dir() + " is not one of this pick's runs"));
        }
    }

    private Pick() {
    }

    public static Result pick(List<Run> runs) {
        return pick(runs, Rule.DEFAULT);
    }

    public static Result pick(List<Run> runs, Rule rule) {
        List<Evidence> evidence = new ArrayList<>();
        List<String> claims = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> readElsewhere = new ArrayList<>();
        Map<Run, Costs> usable = new LinkedHashMap<>();
        List<Claim> timed = new ArrayList<>();
        List<ClaimLevels> levels = new ArrayList<>();
        for (Run run : runs) {
            warnings.addAll(EvidenceProse.noise(run, rule));
            EmittedOrder check = run.emittedOrder();
            readElsewhere.addAll(Instructions.claims(run, check));
            warnings.addAll(Instructions.weaker(run, check));
            if (run.emulated() != null) {
                evidence.add(unused(run, Costs.NONE, Costs.NONE, EvidenceProse.emulated(run)));
                claims.add(EvidenceProse.emulatedClaim(run));
                continue;
            }
            Costs costs = Costs.of(run, "jvm");
            if (costs.isEmpty()) {
                evidence.add(unused(run, costs, Costs.of(run, "native"), EvidenceProse.noFigures(run)));
                levels.add(ClaimLevels.of(run, List.of(), rule)); // the other levels may still have been measured
                continue;
            }
            usable.put(run, costs);
            List<Claim> ofRun = new ArrayList<>(List.of(Claim.of(run, costs, "jvm", run.jdk(), rule)));
            Costs inC = Costs.of(run, "native");
            if (!inC.isEmpty()) {
                ofRun.add(Claim.of(run, inC, "native", "C (gcc)", rule));
            }
            timed.addAll(ofRun);
            levels.add(ClaimLevels.of(run, ofRun, rule));
        }
        timed.forEach(c -> claims.add(c.line()));
        claims.addAll(readElsewhere); // after the timed claims: what each JDK's C2 runs elsewhere, and what it fails to order
        Selection selection = Selection.of(runs, usable);
        for (Map.Entry<Run, Costs> e : usable.entrySet()) {
            Run run = e.getKey();
            Costs costs = e.getValue();
            Costs inC = Costs.of(run, "native");
            Map<String, String> vsPlain = vsPlain(costs, timed.stream().filter(c -> c.run() == run).findFirst().orElseThrow(), rule);
            evidence.add(new Evidence(run, costs, inC, vsPlain, costs.nullPair().map(rule::judge), KvmCapabilityRule.of(run),
                    EvidenceProse.line(run, costs, inC, vsPlain, selection, rule)));
        }
        String why = selection.flag().isPresent() ? EvidenceProse.why(selection, runs, usable, rule) : EvidenceProse.noPick();
        return new Result(selection.flag(), evidence, claims, warnings, why, selection.standings(), timed, levels);
    }

    /** A run whose timings pick does not use: its correctness evidence still counts. */
    private static Evidence unused(Run run, Costs costs, Costs inC, String line) {
        return new Evidence(run, costs, inC, Map.of(), Optional.empty(), KvmCapabilityRule.of(run), line);
    }

    /** Each strategy's verdict against plain in words: the claim's own for {@link #CLAIMED}, the {@link Verdict}'s for the rest. */
    private static Map<String, String> vsPlain(Costs costs, Claim claim, Rule rule) {
        Map<String, String> out = new LinkedHashMap<>();
        costs.byStrategy().forEach((s, c) -> {
            if (c.vsPlain() != null && !s.equals(Costs.REFERENCE)) {
                out.put(s, s.equals(CLAIMED) ? claim.words() : rule.judge(c.vsPlain()).phrase());
            }
        });
        return out;
    }
}
