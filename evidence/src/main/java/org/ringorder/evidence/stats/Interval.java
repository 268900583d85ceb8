package org.ringorder.evidence.stats;

import java.util.Locale;

/**
 * A point estimate with its two-sided confidence interval at {@code level}, and what the interval
 * was measured over. {@code low} and {@code high} are NaN when there is none. {@code kind} names
 * the interval ({@code CI}: fixed-sample; {@code repeated CI}: a group-sequential look's, valid
 * whatever look the run stopped at; {@code two-stage CI}: Stein's, results-format 2) and
 * {@code look} says which look it was (e.g. {@code look 3 of 6}; null: not sequential).
 */
public record Interval(double point, double low, double high, double level, int forks, Basis basis, boolean paired, String kind,
                       String look) {
    public Interval(double point, double low, double high, double level, int forks, Basis basis, boolean paired) {
        this(point, low, high, level, forks, basis, paired, "CI", null);
    }

    /** Whether the whole interval lies away from 1.0 (a ratio's "no change"). */
    public boolean excludesOne() {
        return hasInterval() && (low > 1 || high < 1);
    }
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
        return String.format(Locale.ROOT, pattern + " (%s %s " + pattern + ".." + pattern + ", %s%s)", point, levelWords(), kind,
                low, high, look == null ? "" : look + ", ", basis.words(forks));
    }

    /** As a ratio's change in percent: {@code +11.2% (95% CI +10.6..+11.8%, 6 forks, paired)}. */
    public String percent() {
        String head = change(point) + "%";
        if (!hasInterval()) {
            return head + " (" + basis.words(forks) + ")";
        }
        return head + " (" + levelWords() + " " + kind + " " + range() + ", " + (look == null ? "" : look + ", ")
                + basis.words(forks) + (paired ? ", paired" : ", independent forks") + ")";
    }

    /** The interval as changes in percent, e.g. {@code +1.6..+2.2%}. */
    public String range() {
        return change(low) + ".." + change(high) + "%";
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
