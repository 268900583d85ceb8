package org.ringorder.evidence.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure over another (a strategy's cost over plain's), kept on the log scale, where a ratio's
 * interval is symmetric and fork-level ratios average properly.
 *
 * <p>Paired ({@link #paired}): both sides ran in the same forks, interleaved; each fork gives one
 * ratio (the sum of its iterations' test time over the sum of its reference time), and the
 * interval is Student's t over the forks' log ratios: the machine's slow noise, common to both
 * sides of a fork, cancels before the spread is taken. Independent ({@link #independent}): each
 * side from forks of its own; the log ratio's standard error combines both sides' (first order,
 * Welch's degrees of freedom). The same class serves pick, the report, compare and micro, so all
 * of them compute "against plain" the same way.
 */
public record Ratio(double logMean, double logSe, double df, int forks, Basis basis, boolean paired, double critical, String kind,
                    String look) {
    /** A fixed-sample ratio: its interval takes Student's t at the level asked for. */
    public Ratio(double logMean, double logSe, double df, int forks, Basis basis, boolean paired) {
        this(logMean, logSe, df, forks, basis, paired, Double.NaN, "CI", null);
    }

    /**
     * The same figure read at look {@code look} of {@code looks} of a group-sequential design: its
     * interval is the repeated confidence interval, {@code critical} standard errors either side
     * (the look's boundary as a t critical value), whatever level is asked for.
     */
    public Ratio repeated(double criticalValue, int look, int looks) {
        return new Ratio(logMean, logSe, df, forks, basis, paired, criticalValue, "repeated CI", "look " + look + " of " + looks);
    }

    /** Whether this ratio's interval is a group-sequential look's. */
    public boolean sequential() {
        return !Double.isNaN(critical);
    }
    /**
     * Paired raw data: {@code test} and {@code ref} have one row per fork and one value per
     * iteration (each side's nanoseconds in that iteration, the same work on both sides).
     */
    public static Ratio paired(List<List<Double>> test, List<List<Double>> ref) {
        if (test.size() != ref.size()) {
            throw new IllegalArgumentException("paired data needs as many forks on each side: " + test.size() + " and " + ref.size());
        }
        List<double[]> forks = new ArrayList<>();
        for (int f = 0; f < test.size(); f++) {
            if (test.get(f).size() != ref.get(f).size()) {
                throw new IllegalArgumentException("fork " + f + " has " + test.get(f).size() + " test and " + ref.get(f).size()
                        + " reference iterations");
            }
            if (!test.get(f).isEmpty()) {
                forks.add(new double[] {sum(test.get(f)), sum(ref.get(f))});
            }
        }
        if (forks.size() >= 2) {
            double[] logs = forks.stream().mapToDouble(x -> Math.log(x[0] / x[1])).toArray();
            Mean m = Mean.of(logs, Basis.FORKS);
            return new Ratio(m.value(), m.se(), m.df(), logs.length, Basis.FORKS, true);
        }
        if (forks.size() == 1 && test.get(0).size() >= 2) {
            double[] logs = new double[test.get(0).size()];
            for (int i = 0; i < logs.length; i++) {
                logs[i] = Math.log(test.get(0).get(i) / ref.get(0).get(i));
            }
            Mean m = Mean.of(logs, Basis.ONE_FORK);
            double whole = Math.log(forks.get(0)[0] / forks.get(0)[1]);
            return new Ratio(whole, m.se(), m.df(), 1, Basis.ONE_FORK, true);
        }
        if (forks.size() == 1) {
            return new Ratio(Math.log(forks.get(0)[0] / forks.get(0)[1]), Double.NaN, 0, 1, Basis.ONE_SAMPLE, true);
        }
        throw new IllegalArgumentException("no paired data");
    }

    /**
     * Paired data from two stages (Stein's two-stage design): the first {@code firstStage} forks
     * fixed how many forks the second stage added, from their spread alone. The interval is
     * centred on all forks' mean, with the first stage's standard deviation and its degrees of
     * freedom: for normal fork ratios its coverage is exact whatever the first stage's spread
     * asked for, because that choice never looked at the mean. With one stage, {@link #paired}.
     */
    public static Ratio twoStage(List<List<Double>> test, List<List<Double>> ref, int firstStage) {
        Ratio all = paired(test, ref);
        if (firstStage >= test.size() || firstStage < 2) {
            return all;
        }
        Ratio first = paired(test.subList(0, firstStage), ref.subList(0, firstStage));
        double sd = first.logSe * Math.sqrt(first.forks);
        return new Ratio(all.logMean, sd / Math.sqrt(all.forks), first.df, all.forks, Basis.FORKS, true, Double.NaN, "two-stage CI",
                null);
    }

    /** The spread of the forks' log ratios (their standard deviation), or NaN without two forks. */
    public double forkSpread() {
        return logSe * Math.sqrt(forks);
    }

    /** Two figures from independent forks (one strategy per fork). */
    public static Ratio independent(Mean test, Mean ref) {
        double lm = Math.log(test.value() / ref.value());
        Basis b = test.weaker(ref);
        if (!test.hasInterval() || !ref.hasInterval()) {
            return new Ratio(lm, Double.NaN, 0, Math.min(test.forks(), ref.forks()), b, false);
        }
        double a = Math.pow(test.se() / test.value(), 2);
        double c = Math.pow(ref.se() / ref.value(), 2);
        double dof = (a + c) * (a + c) / (a * a / test.df() + c * c / ref.df());
        return new Ratio(lm, Math.sqrt(a + c), dof, Math.min(test.forks(), ref.forks()), b, false);
    }

    /**
     * This ratio over {@code other}, both against the same reference from different forks (one
     * candidate's cost over another's): the log standard errors combine, Welch's degrees of freedom.
     */
    public Ratio over(Ratio other) {
        if (!hasInterval() || !other.hasInterval()) {
            return new Ratio(logMean - other.logMean, Double.NaN, 0, Math.min(forks, other.forks), basis, false);
        }
        double x = logSe * logSe;
        double y = other.logSe * other.logSe;
        double dof = (x + y) * (x + y) / (x * x / df + y * y / other.df);
        return new Ratio(logMean - other.logMean, Math.sqrt(x + y), dof, Math.min(forks, other.forks),
                basis.ordinal() >= other.basis.ordinal() ? basis : other.basis, false);
    }

    /** Exactly 1: a strategy against itself. */
    public static Ratio one(int forks) {
        return new Ratio(0, 0, Math.max(1, forks - 1), forks, Basis.FORKS, true);
    }

    public double value() {
        return Math.exp(logMean);
    }

    public boolean hasInterval() {
        return !Double.isNaN(logSe) && df > 0;
    }

    public Interval interval(double level) {
        if (!hasInterval()) {
            return new Interval(value(), Double.NaN, Double.NaN, level, forks, basis, paired, kind, look);
        }
        double h = (sequential() ? critical : StudentT.quantile(0.5 + level / 2, df)) * logSe;
        return new Interval(value(), Math.exp(logMean - h), Math.exp(logMean + h), level, forks, basis, paired, kind, look);
    }

    /**
     * About how many forks in all would make the interval at {@code level} no wider than
     * {@code halfWidth} on the log scale, if the forks keep spreading as these did (capped at 1000).
     * A sequential figure's later last look would have a boundary near O'Brien-Fleming's last one,
     * about 5% above the fixed-sample one.
     */
    public int forksFor(double halfWidth, double level) {
        if (!hasInterval() || halfWidth <= 0) {
            return 1000;
        }
        double sd = logSe * Math.sqrt(forks);
        double tail = (1 - level) / 2;
        double z = Normal.upperQuantile(tail) * (sequential() ? 1.05 : 1);
        for (int n = Math.max(2, forks); n < 1000; n++) {
            if (StudentT.upperQuantile(Normal.upperTail(z), n - 1) * sd / Math.sqrt(n) <= halfWidth) {
                return n;
            }
        }
        return 1000;
    }

    private static double sum(List<Double> xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }
}
