package org.ringorder.evidence.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sequential claim: forks in batches, a look after each, stopping as soon as the look's
 * repeated confidence interval decides ({@link Verdict#word}: free, costs, or at the margin) or the
 * planned forks are spent (inconclusive).
 *
 * <p>Why repeated confidence intervals from alpha spending (Lan-DeMets, O'Brien-Fleming type,
 * {@link GroupSequential}): every look's interval covers the truth at once with probability
 * 1 - alpha, so stopping on whichever look first decides keeps the stated error rate; stopping at
 * the first fixed-level interval that fits would not. O'Brien-Fleming spends almost nothing early
 * and keeps the last look's boundary near the fixed-sample one: the costs that matter here sit
 * near the margin's edge, where a claim runs to its last look, and there it gives the narrowest
 * interval; a cost far from the edge decides at the first look under any spending. A confidence
 * sequence (anytime-valid) would need roughly 1.5 to 2 times the forks at these sizes.
 *
 * <p>How the looks are planned: the first look has {@link #firstLook} forks, the least any stop
 * rests on (a JIT outcome that one fork in five gets is missed by 10 forks with probability
 * 0.8^10 = 11%, by 6 with 26%). Its spread alone, never its mean, then fixes the most forks the
 * claim may use: the fewest whose last-look interval would be no wider than the target (the
 * resolution), within the cap its share of the budget allows; the looks between are at most
 * {@link #maxLooks}, in batches of at least {@link #minBatch} forks. The boundaries are computed on
 * the Z scale over the information fractions (forks over the most) and read as Student t critical
 * values with each look's degrees of freedom at the same tail probability. The bounds this rule
 * keeps are proven by simulation ({@code SequentialSimulationTest}).
 */
public record Sequential(double margin, double resolution, double level, GroupSequential.Spending spending, int firstLook,
                         int maxLooks, int minBatch) {
    /** Looks planned at most, the first included. */
    public static final int MAX_LOOKS = 5;
    /** The fewest forks a later look adds: a look is a JMH run of its own, whose start is paid once. */
    public static final int MIN_BATCH = 4;
    /**
     * The most forks a plan may have, as a multiple of its first look: O'Brien-Fleming's first
     * boundary, 1.96 / sqrt(t), stays a number a Student t with the first look's degrees of freedom
     * can carry (t = 0.1: z = 6.2), and the first look still means something.
     */
    public static final int MAX_GROWTH = 10;

    public static Sequential of(double margin, double resolution, double level, int firstLook) {
        return new Sequential(margin, resolution, level, GroupSequential.Spending.OBRIEN_FLEMING, firstLook, MAX_LOOKS, MIN_BATCH);
    }

    /**
     * The looks fixed after the first: the forks in all at each, each look's two-sided Z boundary,
     * and that boundary as a t critical value with the look's forks - 1 degrees of freedom (NaN: one fork).
     */
    public record Plan(List<Integer> looks, List<Double> z, List<Double> criticals) {
        public int last() {
            return looks.size() - 1;
        }

        public int maxForks() {
            return looks.get(last());
        }

        /** Look {@code k}'s (0-based) boundary as a t critical value. */
        public double critical(int k) {
            return criticals.get(k);
        }
    }

    private static final Map<Sequential, Map<Integer, Plan>> PLANS = new ConcurrentHashMap<>();

    /** What a look found: the ratio with its repeated interval, the word, and whether the claim stops here. */
    public record Look(int index, Ratio ratio, Verdict.Word word, boolean stop) {
    }

    /**
     * The plan after the first look, from its forks' spread (sd of their log ratios) alone: the
     * fewest forks whose last look's interval would be no wider than {@code target} (log scale),
     * at most {@code most} and {@link #MAX_GROWTH} times the first look.
     */
    public Plan plan(double sd, int most, double target) {
        int cap = Math.min(most, firstLook * MAX_GROWTH);
        if (firstLook < 2 || cap <= firstLook || !(sd > 0)) {
            return schedule(firstLook);
        }
        for (int n = firstLook; n <= cap; n++) {
            Plan p = schedule(n);
            if (p.critical(p.last()) * sd / Math.sqrt(n) <= target) {
                return p;
            }
        }
        return schedule(cap);
    }

    /** The plan for a claim that may use {@code maxForks} in all. */
    public Plan schedule(int maxForks) {
        return PLANS.computeIfAbsent(this, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(maxForks, this::newSchedule);
    }

    private Plan newSchedule(int maxForks) {
        List<Integer> looks = new ArrayList<>(List.of(firstLook));
        if (maxForks > firstLook) {
            int batch = Math.max(minBatch, (int) Math.ceil((maxForks - firstLook) / (double) (maxLooks - 1)));
            for (int n = firstLook + batch; ; n += batch) {
                if (n >= maxForks) {
                    // a last batch shorter than the others joins the one before: a look is a JMH start of its own
                    if (maxForks - looks.get(looks.size() - 1) < minBatch && looks.size() > 1) {
                        looks.remove(looks.size() - 1);
                    }
                    looks.add(maxForks);
                    break;
                }
                looks.add(n);
            }
        }
        double[] fractions = looks.stream().mapToDouble(n -> n / (double) maxForks).toArray();
        double[] z = GroupSequential.boundaries(1 - level, fractions, spending);
        List<Double> zs = new ArrayList<>();
        List<Double> criticals = new ArrayList<>();
        for (int k = 0; k < z.length; k++) {
            zs.add(z[k]);
            criticals.add(looks.get(k) < 2 ? Double.NaN : GroupSequential.critical(z[k], looks.get(k) - 1));
        }
        return new Plan(List.copyOf(looks), List.copyOf(zs), Collections.unmodifiableList(criticals));
    }

    /** Look {@code k} (0-based) at every fork's log ratio so far. */
    public Look look(Plan plan, int k, double[] logRatios) {
        Ratio r = ratio(logRatios);
        if (r.basis() != Basis.FORKS) {
            return new Look(k, r, Verdict.Word.INCONCLUSIVE, true);
        }
        Ratio seq = r.repeated(plan.critical(k), k + 1, plan.looks().size());
        Interval i = seq.interval(level);
        Verdict.Word w = Verdict.word(i.point(), i.low(), i.high(), margin, resolution);
        return new Look(k, seq, w, settled(w, i) || k >= plan.last());
    }

    /**
     * Whether a look's word is final: free or costs; at the margin where the interval itself
     * straddles an edge, or its point lies within the resolution of one (more forks could not move
     * it off); not where only the widening straddles, which more forks narrow.
     */
    private boolean settled(Verdict.Word w, Interval i) {
        if (w != Verdict.Word.AT_THE_MARGIN) {
            return w != Verdict.Word.INCONCLUSIVE;
        }
        double r = Math.log1p(resolution);
        double lp = Math.log(i.point());
        boolean near = Math.abs(lp - Math.log1p(margin)) <= r || Math.abs(lp - Math.log1p(-margin)) <= r;
        boolean straddles = i.low() < 1 + margin && i.high() > 1 + margin || i.low() < 1 - margin && i.high() > 1 - margin;
        return near || straddles;
    }

    /** The ratio of the forks' log ratios, fixed-sample. */
    public static Ratio ratio(double[] logRatios) {
        if (logRatios.length == 0) {
            throw new IllegalArgumentException("no forks");
        }
        if (logRatios.length == 1) {
            return new Ratio(logRatios[0], Double.NaN, 0, 1, Basis.ONE_SAMPLE, true);
        }
        Mean m = Mean.of(logRatios, Basis.FORKS);
        return new Ratio(m.value(), m.se(), m.df(), logRatios.length, Basis.FORKS, true);
    }

    /** The sd of the forks' log ratios (NaN with fewer than two). */
    public static double spread(double[] logRatios) {
        return logRatios.length < 2 ? Double.NaN : ratio(logRatios).forkSpread();
    }
}
