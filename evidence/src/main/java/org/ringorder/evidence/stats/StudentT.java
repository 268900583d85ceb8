package org.ringorder.evidence.stats;

/**
 * Student's t distribution: its quantile, for intervals over a handful of forks. Degrees of
 * freedom may be fractional (Welch). Computed from the regularized incomplete beta function
 * (continued fraction, modified Lentz) and inverted by bisection: exact to 1e-10, no dependency.
 */
public final class StudentT {
    private StudentT() {
    }

    /** The {@code p} quantile (0.5 &lt; p &lt; 1) with {@code df} degrees of freedom, e.g. quantile(0.975, 4) = 2.776. */
    public static double quantile(double p, double df) {
        if (!(p > 0.5 && p < 1) || !(df > 0)) {
            throw new IllegalArgumentException("quantile(" + p + ", " + df + "): need 0.5 < p < 1 and df > 0");
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, df) < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * The t with P(T &gt; t) = {@code tail} (0 &lt; tail &lt; 0.5), by bisection on the upper tail itself,
     * so that a tail far below the double's 1e-16 resolution near 1 is still found.
     */
    public static double upperQuantile(double tail, double df) {
        if (!(tail > 0 && tail < 0.5) || !(df > 0)) {
            throw new IllegalArgumentException("upperQuantile(" + tail + ", " + df + "): need 0 < tail < 0.5 and df > 0");
        }
        double lo = 0;
        double hi = 1;
        while (upperTail(hi, df) > tail && hi < 1e12) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (upperTail(mid, df) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(T &gt; t) for t &gt;= 0, without the cancellation of 1 - cdf far into the tail. */
    public static double upperTail(double t, double df) {
        return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** P(T &lt;= t). */
    public static double cdf(double t, double df) {
        double x = df / (df + t * t);
        double tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The regularized incomplete beta function I_x(a, b). */
    static double incompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        // the continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise
        return x < (a + 1) / (a + b + 2) ? front * fraction(x, a, b) / a : 1 - front * fraction(1 - x, b, a) / b;
    }

    private static double fraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 500; m++) {
            int m2 = 2 * m;
            double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + num * d;
            c = 1 + num / c;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + num * d;
            c = 1 + num / c;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = Math.abs(c) < tiny ? tiny : c;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9). */
    static double lnGamma(double x) {
        final double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
