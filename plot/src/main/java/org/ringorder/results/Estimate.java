package org.ringorder.results;

import java.util.Locale;

/**
 * A figure with its 99.9% confidence half-width. Sums and ratios propagate the half-widths as
 * independent errors (first-order, the delta method): tighter than combining the intervals'
 * ends, and honest as long as the relative errors are small.
 */
public record Estimate(double value, double error) {
    public double low() {
        return value - error;
    }

    public double high() {
        return value + error;
    }

    public Estimate plus(Estimate o) {
        return new Estimate(value + o.value, Math.hypot(err(), o.err()));
    }

    public Estimate over(Estimate o) {
        double r = value / o.value;
        return new Estimate(r, Math.abs(r) * Math.hypot(err() / value, o.err() / o.value));
    }

    /** Whether an error was measured (a single-sample JMH result has none). */
    public boolean hasError() {
        return !Double.isNaN(error);
    }

    private double err() {
        return Double.isNaN(error) ? 0 : error;
    }

    /** E.g. {@code 2.95 ± 0.26}, or {@code 2.95} when no error was measured. */
    public String format(String pattern) {
        return hasError()
                ? String.format(Locale.ROOT, pattern + " ± " + pattern, value, error)
                : String.format(Locale.ROOT, pattern, value);
    }
}
