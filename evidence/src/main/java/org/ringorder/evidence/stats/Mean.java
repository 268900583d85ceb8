package org.ringorder.evidence.stats;

import java.util.List;

/**
 * A figure as the mean of fork-level estimates, with its standard error and degrees of freedom,
 * so that an interval at any level follows ({@link #interval}) and two independent figures add
 * ({@link #plus}, Welch-Satterthwaite).
 *
 * <p>Why forks, and why Student's t: the spread that matters on a noisy machine is between JVM
 * invocations (the JIT's choices, memory layout), 7-10% here, not between iterations of one
 * invocation. Each fork's mean is one observation; with 3 to 10 forks a bootstrap over forks has
 * too few distinct resamples and is too narrow, while t with k-1 degrees of freedom is exact for
 * normal fork means and widens honestly when forks disagree (a bimodal JIT outcome makes a wide
 * interval, not a narrow wrong one).
 */
public record Mean(double value, double se, double df, int forks, Basis basis) {
    /**
     * From JMH raw data (one row per fork, one value per iteration), each value divided by
     * {@code divisor} (e.g. entries per call): the mean of the fork means; with one fork, of its
     * iterations ({@link Basis#ONE_FORK}); with one value, no error.
     */
    public static Mean ofForks(List<List<Double>> rows, double divisor) {
        double[] forkMeans = rows.stream().filter(r -> !r.isEmpty())
                .mapToDouble(r -> r.stream().mapToDouble(Double::doubleValue).average().orElseThrow() / divisor).toArray();
        if (forkMeans.length >= 2) {
            return of(forkMeans, Basis.FORKS);
        }
        if (forkMeans.length == 1 && rows.stream().filter(r -> !r.isEmpty()).findFirst().orElseThrow().size() >= 2) {
            double[] its = rows.stream().filter(r -> !r.isEmpty()).findFirst().orElseThrow().stream()
                    .mapToDouble(v -> v / divisor).toArray();
            Mean m = of(its, Basis.ONE_FORK);
            return new Mean(m.value, m.se, m.df, 1, Basis.ONE_FORK);
        }
        if (forkMeans.length == 1) {
            return new Mean(forkMeans[0], Double.NaN, 0, 1, Basis.ONE_SAMPLE);
        }
        throw new IllegalArgumentException("no raw data");
    }

    /** The mean of independent observations. */
    public static Mean of(double[] xs, Basis basis) {
        int n = xs.length;
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        return new Mean(mean, sd / Math.sqrt(n), n - 1, n, basis);
    }

    /** A value with no measured spread (e.g. JMH's score of a file without raw data). */
    public static Mean single(double value) {
        return new Mean(value, Double.NaN, 0, 1, Basis.ONE_SAMPLE);
    }

    public boolean hasInterval() {
        return !Double.isNaN(se) && df > 0;
    }

    /** The two-sided interval at {@code level} (e.g. 0.95). */
    public Interval interval(double level) {
        if (!hasInterval()) {
            return new Interval(value, Double.NaN, Double.NaN, level, forks, basis, false);
        }
        double h = StudentT.quantile(0.5 + level / 2, df) * se;
        return new Interval(value, value - h, value + h, level, forks, basis, false);
    }

    /** The sum of two independent figures (e.g. the harvest's and the reset's cost per entry). */
    public Mean plus(Mean o) {
        double v = value + o.value;
        if (!hasInterval() || !o.hasInterval()) {
            return new Mean(v, Double.NaN, 0, Math.min(forks, o.forks), weaker(o));
        }
        double a = se * se;
        double b = o.se * o.se;
        double dof = (a + b) * (a + b) / (a * a / df + b * b / o.df);
        return new Mean(v, Math.sqrt(a + b), dof, Math.min(forks, o.forks), weaker(o));
    }

    /** This figure times a constant (units). */
    public Mean times(double k) {
        return new Mean(value * k, se * Math.abs(k), df, forks, basis);
    }

    Basis weaker(Mean o) {
        return basis.ordinal() >= o.basis.ordinal() ? basis : o.basis;
    }
}
