package org.ringorder.evidence.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two-sided group-sequential boundaries by alpha spending (Lan and DeMets 1983): at look k, with
 * information fraction t_k, the boundary c_k is chosen so that the chance of first crossing at
 * that look, under the null, is alpha(t_k) - alpha(t_(k-1)); the chance of crossing at any look
 * is then alpha, whatever the looks' spacing. Read as repeated confidence intervals (Jennison and
 * Turnbull 1989: estimate ± c_k standard errors), every look's interval covers the truth at once
 * with probability 1 - alpha, so a rule that stops on any of them keeps its stated level.
 *
 * <p>The crossing probabilities are integrated numerically (Armitage, McPherson and Rowe 1969):
 * the score process's density on the continuation region, carried from look to look by the
 * normal increments, by Simpson's rule on a grid.
 */
public final class GroupSequential {
    /** Spending functions: how much of alpha a look at information fraction t may have used. */
    public enum Spending {
        /**
         * Lan-DeMets O'Brien-Fleming type, 2 - 2 Phi(z_(alpha/2) / sqrt(t)): almost nothing early,
         * nearly all at the last look, whose boundary stays close to the fixed-sample one.
         */
        OBRIEN_FLEMING("Lan-DeMets O'Brien-Fleming"),
        /** Lan-DeMets Pocock type, alpha ln(1 + (e - 1) t): evenly spread, wider at the last look. */
        POCOCK("Lan-DeMets Pocock");

        private final String words;

        Spending(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** Alpha spent by information fraction {@code t} (0 &lt; t &lt;= 1). */
        public double spent(double alpha, double t) {
            if (t >= 1) {
                return alpha;
            }
            return switch (this) {
                case OBRIEN_FLEMING -> 2 * Normal.upperTail(Normal.upperQuantile(alpha / 2) / Math.sqrt(t));
                case POCOCK -> alpha * Math.log(1 + (Math.E - 1) * t);
            };
        }

        public static Spending byWords(String words) {
            for (Spending s : values()) {
                if (s.words.equals(words)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown spending function '" + words + "'");
        }
    }

    private static final int GRID = 301;
    private static final Map<String, double[]> CACHE = new ConcurrentHashMap<>();

    private GroupSequential() {
    }

    /**
     * The two-sided boundaries on the Z scale, one per look, for looks at increasing information
     * fractions ending at 1, spending {@code alpha} in all.
     */
    public static double[] boundaries(double alpha, double[] fractions, Spending spending) {
        String key = spending + " " + alpha + " " + Arrays.toString(fractions);
        return CACHE.computeIfAbsent(key, k -> compute(alpha, fractions, spending)).clone();
    }

    private static double[] compute(double alpha, double[] t, Spending spending) {
        int looks = t.length;
        double[] z = new double[looks];
        for (int k = 1; k < looks; k++) {
            if (!(t[k] > t[k - 1])) {
                throw new IllegalArgumentException("information fractions must increase: " + Arrays.toString(t));
            }
        }
        double previous = spending.spent(alpha, t[0]); // alpha spent so far
        z[0] = previous <= 0 ? Double.POSITIVE_INFINITY : Normal.upperQuantile(previous / 2);
        // the density of the score S_1 = Z_1 sqrt(t_1) on the continuation region |S_1| < z_1 sqrt(t_1)
        double[] grid = grid(z[0] * Math.sqrt(t[0]));
        double[] density = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            density[i] = Normal.density(grid[i] / Math.sqrt(t[0])) / Math.sqrt(t[0]);
        }
        for (int k = 1; k < looks; k++) {
            double step = Math.sqrt(t[k] - t[k - 1]);
            double target = spending.spent(alpha, t[k]) - previous;
            double[] w = simpsonWeights(grid);
            double sk = Math.sqrt(t[k]);
            double[] from = grid;
            double[] f = density;
            if (target <= 1e-15) {
                z[k] = Double.POSITIVE_INFINITY;
            } else {
                double lo = 0;
                double hi = 40;
                for (int it = 0; it < 100 && hi - lo > 1e-10; it++) {
                    double mid = (lo + hi) / 2;
                    if (exitProbability(from, f, w, mid * sk, step) > target) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                z[k] = (lo + hi) / 2;
            }
            previous += Double.isInfinite(z[k]) ? 0 : exitProbability(from, f, w, z[k] * sk, step);
            if (k + 1 < looks) {
                double[] next = grid(Math.min(z[k], 40) * sk);
                double[] nextDensity = new double[GRID];
                for (int i = 0; i < GRID; i++) {
                    double s = 0;
                    for (int j = 0; j < GRID; j++) {
                        s += w[j] * f[j] * Normal.density((next[i] - from[j]) / step);
                    }
                    nextDensity[i] = s / step;
                }
                grid = next;
                density = nextDensity;
            }
        }
        return z;
    }

    /** P(|S_k| &gt;= b, not stopped before), the score carried from the grid {@code from} by N(0, step^2). */
    private static double exitProbability(double[] from, double[] f, double[] w, double b, double step) {
        double p = 0;
        for (int j = 0; j < from.length; j++) {
            p += w[j] * f[j] * (Normal.upperTail((b - from[j]) / step) + Normal.upperTail((b + from[j]) / step));
        }
        return p;
    }

    private static double[] grid(double half) {
        double h = Math.min(half, 40);
        double[] g = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            g[i] = -h + 2 * h * i / (GRID - 1);
        }
        return g;
    }

    private static double[] simpsonWeights(double[] grid) {
        double h = (grid[grid.length - 1] - grid[0]) / (grid.length - 1);
        double[] w = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            w[i] = h / 3 * (i == 0 || i == grid.length - 1 ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return w;
    }

    /**
     * A Z boundary as a Student t critical value with {@code df} degrees of freedom at the same
     * one-sided tail (the significance-level approach for an unknown variance).
     */
    public static double critical(double z, double df) {
        if (Double.isInfinite(z)) {
            return Double.POSITIVE_INFINITY;
        }
        return StudentT.upperQuantile(Normal.upperTail(z), df);
    }

    /** E.g. {@code 2.04, 2.97}. */
    public static String words(double[] z) {
        StringBuilder sb = new StringBuilder();
        for (double x : z) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x));
        }
        return sb.toString();
    }
}
