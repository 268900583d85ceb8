package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * Pick's selection: every strategy's standing, and the flag among the candidates. The one place
 * the rule is written: a candidate is known safe ({@link Safety}, and its emitted code where a run
 * ran keeps what its modes and the protocol need: {@link EmittedOrder}), never seen failing in any run
 * ({@link Correctness}), and measured against plain in every run with timings; with one run the
 * cheapest candidate wins, with several the one whose worst ratio to each run's best candidate is
 * smallest (the flag that is never far from the best on any machine).
 */
record Selection(Optional<String> flag, List<Standing> standings) {
    /** {@code usable}: the runs whose timings count, with their costs at {@link ClaimSetting#CLAIM}. */
    static Selection of(List<Run> runs, Map<Run, Costs> usable) {
        List<Standing> standings = standings(runs, usable);
        List<String> candidates = kind(standings, Standing.Kind.CANDIDATE);
        Optional<String> flag = candidates.stream().min(Comparator
                .comparingDouble((String s) -> worstRelative(s, usable, candidates))
                .thenComparingDouble(s -> usable.values().stream().mapToDouble(c -> vsPlain(c, s)).sum()));
        flag.ifPresent(f -> standings.replaceAll(x -> x.strategy().equals(f) ? new Standing(f, Standing.Kind.PICKED, "") : x));
        return new Selection(flag, List.copyOf(standings));
    }

    /** The candidates, the flag among them. */
    List<String> candidates() {
        return standings.stream().filter(x -> x.kind() == Standing.Kind.CANDIDATE || x.kind() == Standing.Kind.PICKED)
                .map(Standing::strategy).toList();
    }

    /** The cheapest candidate other than the flag in one run's costs, if any. */
    Optional<String> runnerUp(Costs costs) {
        return candidates().stream().filter(x -> !flag.orElseThrow().equals(x))
                .min(Comparator.comparingDouble(x -> vsPlain(costs, x)));
    }

    /** A strategy's standing, {@link Standing.Kind#NOT_MEASURED} for one this build does not list. */
    Standing standing(String strategy) {
        return Standing.of(standings, strategy);
    }

    /** Every strategy's standing, in {@link Strategies#NAMES} order, the flag's still "candidate". */
    private static List<Standing> standings(List<Run> runs, Map<Run, Costs> usable) {
        List<Standing> out = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            Safety.Assessment safety = Safety.of(s);
            List<String> failing = runs.stream().filter(r -> Correctness.of(r, s).violated())
                    .map(r -> (runs.size() > 1 ? r.label() + ": " : "") + Correctness.of(r, s).words()).toList();
            long measured = usable.values().stream().filter(c -> c.of(s).map(x -> x.vsPlain() != null).orElse(false)).count();
            List<String> weakerHere = runs.stream().flatMap(r -> weakerWhereRun(r, s).stream()).toList();
            if (!safety.safe()) {
                out.add(new Standing(s, Standing.Kind.UNSAFE, safety.reason()));
            } else if (!weakerHere.isEmpty()) {
                out.add(new Standing(s, Standing.Kind.UNSAFE, "not known safe where it ran: its emitted code is weaker: "
                        + String.join("; ", weakerHere)));
            } else if (!failing.isEmpty()) {
                out.add(new Standing(s, Standing.Kind.SEEN_FAILING, String.join("; ", failing)));
            } else if (measured == 0) {
                out.add(new Standing(s, Standing.Kind.NOT_MEASURED, usable.isEmpty() ? "no run has timings at the verdicts' setting"
                        : "no figure against plain at the verdicts' setting"));
            } else if (measured < usable.size()) {
                out.add(new Standing(s, Standing.Kind.NOT_MEASURED_EVERYWHERE, "measured in " + measured + " of " + usable.size()
                        + " runs"));
            } else {
                out.add(new Standing(s, Standing.Kind.CANDIDATE, ""));
            }
        }
        return out;
    }

    /**
     * The emitted-ordering check's findings in the code the run itself timed: its architecture, the
     * JVM backend, its JDK, the default setting (or a record from before JDKs were recorded).
     */
    private static List<String> weakerWhereRun(Run run, String strategy) {
        return run.emittedOrder().of(strategy).stream().filter(f -> {
            AsmRecord r = f.record();
            return r.arch().equals(run.arch()) && r.backend().equals("jvm")
                    && (r.jdk() == null || ("JDK " + r.jdk()).equals(run.jdk()) && "default".equals(r.setting()));
        }).map(EmittedOrder.Finding::briefly).toList();
    }

    private static List<String> kind(List<Standing> standings, Standing.Kind kind) {
        return standings.stream().filter(x -> x.kind() == kind).map(Standing::strategy).toList();
    }

    /** The strategy's worst ratio, over the runs, to that run's cheapest candidate. */
    private static double worstRelative(String s, Map<Run, Costs> usable, List<String> candidates) {
        double worst = 0;
        for (Costs c : usable.values()) {
            double best = candidates.stream().mapToDouble(x -> vsPlain(c, x)).min().orElse(1);
            worst = Math.max(worst, vsPlain(c, s) / best);
        }
        return worst;
    }

    private static double vsPlain(Costs c, String s) {
        return c.of(s).orElseThrow().vsPlain().value();
    }
}
