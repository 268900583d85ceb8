package org.ringorder.evidence.stats;

import java.util.Locale;

/**
 * A point estimate with its two-sided confidence interval at {@code level}, and what the interval
 * was measured over. {@code low} and {@code high} are NaN when there is none.
 */
public record Interval(double point, double low, double high, double level, int forks, Basis basis, boolean paired) {
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    /** E.g. {@code 95%}. */
    public String levelWords() {
        return String.format(Locale.ROOT, "%s%%", trim(level * 100));
    }

    /** E.g. {@code 2.953 (95% CI 2.801..3.104, 5 forks)} with {@code pattern} = "%.3f". */
    public String format(String pattern) {
        if (!hasInterval()) {
            return String.format(Locale.ROOT, pattern, point) + " (" + basis.words(forks) + ")";
        }
        return String.format(Locale.ROOT, pattern + " (%s CI " + pattern + ".." + pattern + ", %s)", point, levelWords(),
                low, high, basis.words(forks));
    }

    /** As a ratio's change in percent: {@code +11.2% (95% CI +10.6..+11.8%, 6 forks, paired)}. */
    public String percent() {
        String head = change(point) + "%";
        if (!hasInterval()) {
            return head + " (" + basis.words(forks) + ")";
        }
        return head + " (" + levelWords() + " CI " + change(low) + ".." + change(high) + "%, " + basis.words(forks)
                + (paired ? ", paired" : ", independent forks") + ")";
    }

    /** A ratio as a signed change in percent, one decimal, never "-0.0". */
    public static String change(double ratio) {
        double pct = Math.round((ratio - 1) * 1000) / 10.0;
        return String.format(Locale.ROOT, "%+.1f", pct == 0 ? 0.0 : pct);
    }

    public static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
