package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ringorder.evidence.stats.Ratio;
import org.ringorder.evidence.stats.Verdict;
import org.ringorder.strategy.Safety;

/**
 * Pick's prose: each run's evidence line, why the flag, and the warnings about a machine's
 * noise. It words nothing of its own about a ratio: every verdict is a {@link Verdict}'s phrase
 * or a {@link Claim}'s words, computed before.
 */
final class EvidenceProse {
    private EvidenceProse() {
    }

    static String emulated(Run run) {
        return run.label() + " (" + run.dir() + "): timings under emulation (" + run.emulated() + "): not used; correctness "
                + "evidence counts";
    }

    static String emulatedClaim(Run run) {
        return Pick.CLAIMED + " on " + run.arch() + ": timings under emulation: not used";
    }

    static String noFigures(Run run) {
        return run.label() + " (" + run.dir() + "): no harvest and reset figures at " + ClaimSetting.CLAIM.words()
                + ": not used";
    }

    static String noPick() {
        return "no run has harvest and reset figures at " + ClaimSetting.CLAIM.words() + " for a known-safe strategy";
    }

    /**
     * One evidence line: each strategy's ns per entry and its verdict against plain, cheapest
     * first, with its standing as a tag ([picked], [never picked: unsafe], ...); each strategy's
     * correctness evidence; the instructions its ordering points compiled to; the native backend's figures.
     */
    static String line(Run run, Costs costs, Costs inC, Map<String, String> vsPlain, Selection selection, Pick.Rule rule) {
        StringBuilder sb = new StringBuilder(run.label()).append(" (").append(run.dir()).append("): ");
        List<String> parts = new ArrayList<>();
        costs.byStrategy().values().stream()
                .sorted(Comparator.comparingDouble(c -> c.vsPlain() == null ? Double.MAX_VALUE : c.vsPlain().value()))
                .forEach(c -> {
                    String s = c.strategy();
                    Standing.Kind kind = selection.standing(s).kind();
                    String tag = kind == Standing.Kind.CANDIDATE ? "" : " [" + kind.words() + "]";
                    String ratio = c.vsPlain() == null ? "" : s.equals(Costs.REFERENCE) ? " (the reference)" : " (" + vsPlain.get(s) + ")";
                    parts.add(s + " " + c.perEntry().interval(rule.level()).format("%.3f") + " ns/entry" + ratio + tag);
                });
        sb.append(String.join("; ", parts)).append(" [harvest + reset, ").append(costs.byStrategy().values().iterator().next()
                .source().words).append("]");
        List<String> correct = new ArrayList<>();
        for (String s : costs.byStrategy().keySet()) {
            correct.add(s + ": " + Correctness.of(run, s).words());
        }
        sb.append("; correctness: ").append(String.join("; ", correct));
        List<String> insns = new ArrayList<>();
        for (String s : costs.byStrategy().keySet()) {
            String i = Instructions.of(run, s);
            if (!i.isEmpty()) {
                insns.add(s + " " + i);
            }
        }
        if (!insns.isEmpty()) {
            sb.append("; instructions (observe DIRTY | mark RESET, JVM): ").append(String.join(", ", insns));
        }
        if (!inC.isEmpty()) {
            List<String> c = new ArrayList<>();
            inC.byStrategy().values().forEach(x -> c.add(x.strategy() + " " + x.perEntry().interval(rule.level()).format("%.3f")));
            sb.append("; native C11 backend: ").append(String.join(", ", c)).append(" ns/entry");
        }
        return sb.toString();
    }

    /** Why the flag: the rule, whether the next candidate is decidedly dearer in each run, and why it is known safe. */
    static String why(Selection selection, List<Run> runs, Map<Run, Costs> usable, Pick.Rule rule) {
        String flag = selection.flag().orElseThrow();
        StringBuilder sb = new StringBuilder("the known-safe strategy with the smallest harvest + reset cost over plain at "
                + ClaimSetting.CLAIM.words() + (usable.size() > 1 ? ", worst case over " + usable.size() + " runs" : ""));
        for (Map.Entry<Run, Costs> e : usable.entrySet()) {
            Costs c = e.getValue();
            Optional<String> next = selection.runnerUp(c);
            if (next.isEmpty()) {
                continue;
            }
            Ratio gap = c.of(next.get()).orElseThrow().vsPlain().over(c.of(flag).orElseThrow().vsPlain());
            sb.append("; ").append(usable.size() > 1 ? e.getKey().label() + ": " : "").append("the next candidate, ")
                    .append(next.get()).append(", ").append(rule.judge(gap).against(flag));
        }
        return sb.append(safety(flag, runs)).toString();
    }

    /**
     * Why the flag is known safe, from the safety table, and the settings it is not safe for even
     * so: a flag a commit message can defend names where it stops holding, the architectures and
     * JDKs whose emitted code is weaker than its modes or the protocol included.
     */
    static String safety(String flag, List<Run> runs) {
        return "; known safe: " + Safety.of(flag).words() + notKnownSafeWhere(flag, runs);
    }

    /** {@link EmittedOrder#notKnownSafeWhere} over every run's asm part. */
    static String notKnownSafeWhere(String strategy, List<Run> runs) {
        Map<String, List<String>> byColumn = new java.util.LinkedHashMap<>();
        for (Run run : runs) {
            run.emittedOrder().weakerByColumn(strategy).forEach((column, at) -> {
                List<String> l = byColumn.computeIfAbsent(column, k -> new ArrayList<>());
                at.stream().filter(x -> !l.contains(x)).forEach(l::add);
            });
        }
        return EmittedOrder.notKnownSafeWhere(byColumn);
    }

    /** Warnings about the machine's noise, with its figures; a null pair that is not free marks the run's verdicts unreliable. */
    static List<String> noise(Run run, Pick.Rule rule) {
        List<String> w = new ArrayList<>();
        for (String backend : List.of("jvm", "native")) {
            Optional<Ratio> nul = Costs.of(run, backend).nullPair();
            if (nul.isPresent()) {
                Verdict v = rule.judge(nul.get());
                if (v.word() != Verdict.Word.FREE) {
                    w.add(run.label() + ": the " + backend + " null pair (plain against a separately compiled plain) came out "
                            + v.phrase() + ", not free: this machine was too noisy to decide, so the run's verdicts are unreliable");
                }
            }
        }
        EnvRecord.Noise n = run.env().noise();
        if (n != null && n.stealPercent() != null && n.stealPercent() > 2) {
            w.add(String.format(Locale.ROOT, "%s: the hypervisor stole %.1f%% of the CPU time during the run", run.label(),
                    n.stealPercent()));
        }
        // the 1-minute average trails by a minute (a run just before leaves it near 1): only a machine busier than its CPUs counts
        if (n != null && n.loadAverageStart() != null && !n.loadAverageStart().isEmpty() && run.env().cores() != null
                && n.loadAverageStart().get(0) > run.env().cores().online()) {
            w.add(String.format(Locale.ROOT, "%s: the load average was %.2f when the run started, above its %d CPUs: something "
                    + "else was running", run.label(), n.loadAverageStart().get(0), run.env().cores().online()));
        }
        if (n == null && run.formatVersion() < 2) {
            w.add(run.label() + ": results-format " + run.formatVersion() + ": the machine's noise was not measured, and its "
                    + "intervals are over one fork's iterations: re-run with this ringorder for a decided verdict");
        }
        return w;
    }
}
