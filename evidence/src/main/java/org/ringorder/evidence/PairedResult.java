package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ringorder.evidence.stats.Mean;
import org.ringorder.evidence.stats.Ratio;

/**
 * A {@code PairedBench} setting read as a pair: its raw counters, per fork and iteration, are each
 * side's harvest and reset nanoseconds and the pairs run; the ratio of the sides is taken fork by
 * fork from them. A setting measured in looks (results-format 3: a sequential comparison, one JMH
 * result per look) or in two stages (format 2) is several JMH results with the same params: their
 * forks are joined, and the interval is the last look's repeated one ({@link EnvRecord.Sequence})
 * or the two-stage one ({@link Ratio#twoStage}).
 *
 * <p>A {@code ConcurrentPairedBench} setting ({@link #concurrent()}) is read the same way, from other counters: each
 * side's wall nanoseconds and the entries it recycled end to end ({@code refNanos}, {@code refEntries}, ...). Its sides
 * need not recycle as many entries, so a side's figure is ns per entry, summed per fork (the fork's nanoseconds over its
 * entries), and the fork's ratio is test ns per entry over reference ns per entry. Its sequence is the one with
 * workload {@link EnvRecord.Sequence#CONCURRENT}, decided at 1 vCPU; other vCPU counts are fixed-sample, labelled so.
 * {@link #all} never returns it (the ordering points' readers: {@link Costs}, the charts), {@link #concurrent} only it.
 */
public record PairedResult(List<JmhResult> stages, EnvRecord.Sequence sequence, boolean sequential) {
    /** The concurrent workload's setting a sequential decision decides (the claim's vCPUs); other counts are fixed-sample. */
    public static final String CONCURRENT_DECIDED_VCPUS = String.valueOf(ClaimSetting.CLAIM.vcpus());

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

    /** Every concurrent paired setting of a run (each vCPU count, backend, ...), each with its sequence where the run has one. */
    public static List<PairedResult> concurrent(Run run) {
        return settings(run.results(), run.env().design(), JmhResult::concurrentPaired);
    }

    /** Every concurrent paired setting among {@code results}, with no sequence (fixed-sample intervals). */
    public static List<PairedResult> concurrent(List<JmhResult> results) {
        return settings(results, null, JmhResult::concurrentPaired);
    }

    private static List<PairedResult> all(List<JmhResult> results, EnvRecord.Design design) {
        return settings(results, design, JmhResult::paired);
    }

    /** The results {@code which} accepts, grouped by benchmark and params (a setting's looks joined), in order of appearance. */
    private static List<PairedResult> settings(List<JmhResult> results, EnvRecord.Design design, Predicate<JmhResult> which) {
        Map<String, List<JmhResult>> by = new LinkedHashMap<>();
        for (JmhResult r : results) {
            if (which.test(r)) {
                by.computeIfAbsent(r.benchmark() + " " + r.params(), k -> new ArrayList<>()).add(r);
            }
        }
        return by.values().stream().map(stages -> new PairedResult(stages, sequence(stages.get(0), design),
                design != null && design.spending() != null)).toList();
    }

    /** The sequence that decided a setting: the ordering points' by strategy and backend; the concurrent one's at 1 vCPU only. */
    private static EnvRecord.Sequence sequence(JmhResult first, EnvRecord.Design design) {
        if (design == null || !first.params().containsKey("reference")) {
            return null;
        }
        if (!first.concurrentPaired()) {
            return design.sequence(first.param("strategy"), first.param("backend")).orElse(null);
        }
        return first.param("vcpus").equals(CONCURRENT_DECIDED_VCPUS)
                ? design.sequence(first.param("strategy"), first.param("backend"), EnvRecord.Sequence.CONCURRENT).orElse(null) : null;
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

    /** The vCPUs of the setting ("-" where the benchmark has no such param). */
    public String vcpus() {
        return result().param("vcpus");
    }

    /** Whether this is the concurrent workload's pairing ({@code ConcurrentPairedBench}), not the ordering points'. */
    public boolean concurrent() {
        return result().concurrentPaired();
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

    /** A side's ns per entry, the whole cycle (the concurrent workload's: the whole recycling), over forks. */
    public Mean perEntry(Side side) {
        return perEntry(side, Phase.BOTH);
    }

    /** Each fork's ratio of the whole cycle, for the charts' points. */
    public List<Double> forkRatios() {
        return forkRatios(Phase.BOTH);
    }

    /** Each fork's ns per entry of one side, the whole cycle, for the charts' points. */
    public List<Double> forkPerEntry(Side side) {
        return forkPerEntry(side, Phase.BOTH);
    }

    /** A side's ns per entry for a part of the cycle, over forks. */
    public Mean perEntry(Side side, Phase phase) {
        if (concurrent()) { // one figure per fork, its sums' ratio
            return Mean.ofForks(forkPerEntry(side, phase).stream().map(List::of).toList(), 1);
        }
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
        if (concurrent()) { // already per entry of the fork: its sum is the fork's figure
            return ns.stream().filter(row -> !row.isEmpty()).map(PairedResult::sum).toList();
        }
        List<List<Double>> pairs = rows("pairs");
        List<Double> out = new ArrayList<>();
        for (int f = 0; f < ns.size(); f++) {
            out.add(sum(ns.get(f)) / sum(pairs.get(f)) / result().entriesPerCall());
        }
        return out;
    }

    /**
     * A side's nanoseconds for a part of the cycle, per fork and iteration, for the same work on both sides (what
     * {@link Ratio#paired} takes). The concurrent workload's sides recycle entries of their own, so each iteration's
     * nanoseconds are divided by the entries that side recycled in the whole fork: a fork's row sums to its ns per entry.
     */
    private List<List<Double>> nanos(Side side, Phase phase) {
        if (concurrent()) {
            if (phase != Phase.BOTH) {
                throw new IllegalArgumentException("the concurrent workload times each side whole: no " + phase + " figure");
            }
            List<List<Double>> ns = rows(side.counter + "Nanos");
            List<List<Double>> entries = rows(side.counter + "Entries");
            List<List<Double>> out = new ArrayList<>();
            for (int f = 0; f < ns.size(); f++) {
                double forkEntries = sum(entries.get(f));
                out.add(ns.get(f).stream().map(n -> n / forkEntries).toList());
            }
            return out;
        }
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
        return r.metric(counter).orElseThrow(() -> new UserError("a paired result lacks its counter " + counter
                + ": not written by this ringorder's " + (r.concurrentPaired() ? JmhResult.CONCURRENT_PAIRED : JmhResult.PAIRED)));
    }

    private static double sum(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).sum();
    }
}
