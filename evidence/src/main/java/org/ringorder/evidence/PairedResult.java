package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ringorder.evidence.stats.Mean;
import org.ringorder.evidence.stats.Ratio;

/**
 * A {@code PairedBench} setting read as a pair: its raw counters, per fork and iteration, are each
 * side's harvest and reset nanoseconds and the pairs run; the ratio of the sides is taken fork by
 * fork from them. A setting measured in looks (results-format 3: a sequential comparison, one JMH
 * result per look) or in two stages (format 2) is several JMH results with the same params: their
 * forks are joined, and the interval is the last look's repeated one ({@link EnvRecord.Sequence})
 * or the two-stage one ({@link Ratio#twoStage}).
 */
public record PairedResult(List<JmhResult> stages, EnvRecord.Sequence sequence, boolean sequential) {
    /** A side of the pair. */
    public enum Side {
        TEST("test"), REFERENCE("ref");

        final String counter;

        Side(String counter) {
            this.counter = counter;
        }
    }

    /** The phase of a side's cycle a figure covers: the harvest pass, the reset, or both. */
    public enum Phase {
        HARVEST("HarvestNanos"), RESET("ResetNanos"), BOTH(null);

        final String counter;

        Phase(String counter) {
            this.counter = counter;
        }
    }

    public PairedResult(JmhResult one) {
        this(List.of(one), null, false);
    }

    /** The looks of one comparison so far, as the run judges them (no design yet). */
    public PairedResult(List<JmhResult> looks) {
        this(looks, null, true);
    }

    /** Every paired setting among {@code results}, the stages of each joined, in the order they first appear. */
    public static List<PairedResult> all(List<JmhResult> results) {
        return all(results, null);
    }

    /** Every paired setting of a run, each with its sequence where the run's design has one. */
    public static List<PairedResult> all(Run run) {
        return all(run.results(), run.env().design());
    }

    private static List<PairedResult> all(List<JmhResult> results, EnvRecord.Design design) {
        Map<String, List<JmhResult>> by = new LinkedHashMap<>();
        for (JmhResult r : results) {
            if (r.paired()) {
                by.computeIfAbsent(r.benchmark() + " " + r.params(), k -> new ArrayList<>()).add(r);
            }
        }
        return by.values().stream().map(stages -> {
            JmhResult first = stages.get(0);
            EnvRecord.Sequence seq = design == null || !first.params().containsKey("reference") ? null
                    : design.sequence(first.param("strategy"), first.param("backend")).orElse(null);
            return new PairedResult(stages, seq, design != null && design.spending() != null);
        }).toList();
    }

    /** The first stage's result: the setting's params and what JMH says of it. */
    public JmhResult result() {
        return stages.get(0);
    }

    public String strategy() {
        return result().param("strategy");
    }

    public String backend() {
        return result().param("backend");
    }

    /** Forks in all stages. */
    public int forks() {
        return rows("pairs").size();
    }

    /** Harvest + reset, the strategy over the reference. */
    public Ratio ratio() {
        return ratio(Phase.BOTH);
    }

    /** One part of the cycle, the strategy over the reference. */
    public Ratio ratio(Phase phase) {
        List<List<Double>> t = nanos(Side.TEST, phase);
        List<List<Double>> r = nanos(Side.REFERENCE, phase);
        if (sequence != null || sequential) {
            Ratio all = Ratio.paired(t, r);
            if (sequence == null) {
                return all; // a run decided in looks that has no record of this one's: fixed-sample, labelled as such
            }
            List<EnvRecord.Look> looks = sequence.looks();
            for (int k = 0; k < looks.size(); k++) {
                if (looks.get(k).forks() == all.forks() && looks.get(k).critical() != null) {
                    return all.repeated(looks.get(k).critical(), k + 1, sequence.plannedLooks().size());
                }
            }
            return all; // forks no look judged (an interrupted look): the fixed-sample interval, labelled as such
        }
        return stages.size() > 1 ? Ratio.twoStage(t, r, JmhResult.rows(metric(stages.get(0), "pairs")).size()) : Ratio.paired(t, r);
    }

    /** Each fork's log ratio of harvest + reset, in fork order over every stage: what a sequential look judges. */
    public double[] forkLogRatios() {
        return forkRatios(Phase.BOTH).stream().mapToDouble(Math::log).toArray();
    }

    /** A side's ns per entry for a part of the cycle, over forks. */
    public Mean perEntry(Side side, Phase phase) {
        List<List<Double>> ns = nanos(side, phase);
        List<List<Double>> pairs = rows("pairs");
        List<List<Double>> perPair = new ArrayList<>();
        for (int f = 0; f < ns.size(); f++) {
            List<Double> row = new ArrayList<>();
            for (int i = 0; i < ns.get(f).size(); i++) {
                row.add(ns.get(f).get(i) / pairs.get(f).get(i));
            }
            perPair.add(row);
        }
        return Mean.ofForks(perPair, result().entriesPerCall());
    }

    /** Each fork's ratio for a part of the cycle, for the charts' points. */
    public List<Double> forkRatios(Phase phase) {
        List<List<Double>> t = nanos(Side.TEST, phase);
        List<List<Double>> r = nanos(Side.REFERENCE, phase);
        List<Double> out = new ArrayList<>();
        for (int f = 0; f < t.size(); f++) {
            if (!t.get(f).isEmpty()) { // as Ratio.paired: a fork without iterations is no fork
                out.add(sum(t.get(f)) / sum(r.get(f)));
            }
        }
        return out;
    }

    /** Each fork's ns per entry of one side and part, for the charts' points. */
    public List<Double> forkPerEntry(Side side, Phase phase) {
        List<List<Double>> ns = nanos(side, phase);
        List<List<Double>> pairs = rows("pairs");
        List<Double> out = new ArrayList<>();
        for (int f = 0; f < ns.size(); f++) {
            out.add(sum(ns.get(f)) / sum(pairs.get(f)) / result().entriesPerCall());
        }
        return out;
    }

    /** A side's nanoseconds for a part of the cycle, per fork and iteration. */
    private List<List<Double>> nanos(Side side, Phase phase) {
        if (phase != Phase.BOTH) {
            return rows(side.counter + phase.counter);
        }
        List<List<Double>> h = rows(side.counter + Phase.HARVEST.counter);
        List<List<Double>> r = rows(side.counter + Phase.RESET.counter);
        List<List<Double>> out = new ArrayList<>();
        for (int f = 0; f < h.size(); f++) {
            List<Double> row = new ArrayList<>();
            for (int i = 0; i < h.get(f).size(); i++) {
                row.add(h.get(f).get(i) + r.get(f).get(i));
            }
            out.add(row);
        }
        return out;
    }

    /** A counter's rows over every stage, first stage first. */
    private List<List<Double>> rows(String counter) {
        List<List<Double>> out = new ArrayList<>();
        stages.forEach(s -> out.addAll(JmhResult.rows(metric(s, counter))));
        return out;
    }

    private static JmhRecord.Metric metric(JmhResult r, String counter) {
        return r.metric(counter).orElseThrow(() -> new UserError(
                "a paired result lacks its counter " + counter + ": not written by this ringorder's PairedBench"));
    }

    private static double sum(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).sum();
    }
}
