package org.ringorder.evidence.stats;

/**
 * The standard normal distribution: its density, CDF and quantile, for the group-sequential
 * boundaries. erfc is the regularized incomplete gamma function Q(1/2, x^2) (series, then a
 * continued fraction), accurate far into the tail; the quantile is inverted by bisection.
 */
public final class Normal {
    private Normal() {
    }

    public static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** P(Z &lt;= x). */
    public static double cdf(double x) {
        return x >= 0 ? 1 - 0.5 * erfc(x / Math.sqrt(2)) : 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** P(Z &gt; x), accurate far into the tail. */
    public static double upperTail(double x) {
        return x >= 0 ? 0.5 * erfc(x / Math.sqrt(2)) : 1 - 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** The x with P(Z &gt; x) = {@code tail}, for 0 &lt; tail &lt; 0.5. */
    public static double upperQuantile(double tail) {
        if (!(tail > 0 && tail < 0.5)) {
            throw new IllegalArgumentException("upperQuantile(" + tail + "): need 0 < tail < 0.5");
        }
        double lo = 0;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            double mid = (lo + hi) / 2;
            if (upperTail(mid) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** erfc(x) for x &gt;= 0: the regularized upper incomplete gamma Q(1/2, x^2). */
    static double erfc(double x) {
        double a = 0.5;
        double z = x * x;
        double lnFront = a * Math.log(Math.max(z, 1e-300)) - z - StudentT.lnGamma(a);
        if (z < a + 1) { // the series for P(a, z) converges fast here
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 500; n++) {
                term *= z / (a + n);
                sum += term;
                if (term < sum * 1e-17) {
                    break;
                }
            }
            return z == 0 ? 1 : 1 - sum * Math.exp(lnFront);
        }
        // the continued fraction for Q(a, z) (modified Lentz)
        final double tiny = 1e-300;
        double b = z + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 500; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(lnFront) * h;
    }
}
