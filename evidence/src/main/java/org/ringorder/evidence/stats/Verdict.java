package org.ringorder.evidence.stats;

import java.util.Locale;

/**
 * The words a ratio earns against an equivalence margin stated in advance (default ±2%), read off
 * its interval; the one place every verdict is worded (pick, the report, compare, micro).
 * <ul>
 *   <li>{@code free}: the whole interval lies inside the margin (an edge counts as inside);</li>
 *   <li>{@code costs +x%}: the whole interval lies outside it (above; {@code -x%} below: cheaper
 *       than the reference);</li>
 *   <li>{@code at the margin}: the interval is no wider than the resolution stated in advance
 *       (default ±0.5%) and straddles an edge: the size is known, which side of the edge it falls
 *       is the margin's choice, not the measurement's;</li>
 *   <li>{@code inconclusive (±y%)}: wider than the resolution and straddling an edge, with about
 *       how many more forks would decide.</li>
 * </ul>
 * Free and costs read the interval widened by the resolution in quadrature: the resolution stands
 * for what moves between runs on one machine, which one run's forks cannot see (measured between
 * five quick runs in a row: a run-level sd of 0.33% in C, 0.29% on the JVM, so a 95% half-width of
 * about 0.6%). Unwidened, an interval a hair inside an edge in one run would be a hair outside it in
 * the next; widened, both are "at the margin", and two runs do not contradict each other.
 * Beside the word, whether the interval excludes zero ({@code not zero: +1.6..+2.2%}): the seed's
 * claim is "zero cost", and that is its answer. A figure from one fork never decides.
 */
public record Verdict(Word word, Interval interval, double margin, double resolution, int moreForks) {
    /** The resolution stated in advance: an interval this narrow that straddles an edge is at the margin. */
    public static final double DEFAULT_RESOLUTION = 0.005;

    public enum Word {
        FREE("free"), COSTS("costs"), AT_THE_MARGIN("at the margin"), INCONCLUSIVE("inconclusive");

        private final String text;

        Word(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * Judges {@code r} at confidence {@code level} (e.g. 0.95; a sequential ratio brings its own
     * look's boundary) against {@code margin} (e.g. 0.02) and {@code resolution} (e.g. 0.005).
     */
    public static Verdict judge(Ratio r, double margin, double level, double resolution) {
        Verdict v = of(r.interval(level), margin, resolution, 0);
        if (v.decided() || v.interval.basis() != Basis.FORKS || !v.interval.hasInterval()) {
            return v;
        }
        double lm = r.logMean();
        double lo = Math.log(1 - margin);
        double hi = Math.log(1 + margin);
        double toEdge = lm > lo && lm < hi ? Math.min(hi - lm, lm - lo) : Math.min(Math.abs(lm - hi), Math.abs(lm - lo));
        double half = Math.max(toEdge, Math.log1p(resolution)); // the edge cleared, or the interval within the resolution
        return new Verdict(Word.INCONCLUSIVE, v.interval, margin, resolution, Math.max(1, r.forksFor(half, level) - r.forks()));
    }

    /**
     * Judges an interval already read as a ratio (a figure other than a {@link Ratio}, e.g. 1 + a share of the kernel
     * path), by the same rule; {@code moreForks}: about how many more forks would decide it, said where it is inconclusive.
     */
    public static Verdict of(Interval i, double margin, double resolution, int moreForks) {
        if (i.basis() != Basis.FORKS || !i.hasInterval()) {
            return new Verdict(Word.INCONCLUSIVE, i, margin, resolution, Math.max(3 - i.forks(), 2));
        }
        Word w = word(i.point(), i.low(), i.high(), margin, resolution);
        return new Verdict(w, i, margin, resolution, w == Word.INCONCLUSIVE ? moreForks : 0);
    }

    /**
     * The word for a ratio's interval {@code low..high} about {@code point}: the rule itself, for the
     * sequential looks too. Free and costs read the interval widened by the resolution in
     * quadrature (on the log scale): the resolution stands for the 95% half-width of what moves
     * between runs, which one run's forks cannot see.
     */
    public static Word word(double point, double low, double high, double margin, double resolution) {
        double lp = Math.log(point);
        double below = lp - Math.log(low);
        double above = Math.log(high) - lp;
        double r = Math.log1p(resolution);
        double lo = Math.exp(lp - Math.hypot(below, r));
        double hi = Math.exp(lp + Math.hypot(above, r));
        if (lo >= 1 - margin - 1e-12 && hi <= 1 + margin + 1e-12) {
            return Word.FREE;
        }
        if (lo > 1 + margin || hi < 1 - margin) {
            return Word.COSTS;
        }
        // the width on the log scale, where the looks are planned: a ratio's interval is symmetric there
        return Math.log(high / low) / 2 <= r + 1e-12 ? Word.AT_THE_MARGIN : Word.INCONCLUSIVE;
    }

    public boolean decided() {
        return word != Word.INCONCLUSIVE;
    }

    /** The margin as words, e.g. {@code ±2%}. */
    public String marginWords() {
        return "±" + Interval.trim(margin * 100) + "%";
    }

    /** Whether the interval excludes zero change, in so many words. */
    public String zeroWords() {
        if (!interval.hasInterval()) {
            return "zero not excluded (no interval)";
        }
        return interval.excludesOne() ? "not zero: " + interval.range() : "zero not excluded";
    }

    /**
     * This verdict read as one candidate over {@code other} (both against the same reference):
     * e.g. {@code costs +16.1% (95% CI +15.2..+17.0%, ...) more}, or {@code is not told apart from
     * acquire-load at 95% (...)}.
     */
    public String against(String other) {
        return word == Word.COSTS && interval.point() > 1 ? "costs " + interval.percent() + " more"
                : "is not told apart from " + other + " at " + interval.levelWords() + " (" + interval.percent() + ")";
    }

    /**
     * E.g. {@code costs +11.2% (95% CI +10.6..+11.8%, 6 forks, paired); not zero: +10.6..+11.8%},
     * {@code at the margin: +1.9% (95% repeated CI +1.6..+2.2%, look 2 of 4, 14 forks, paired; ±2% margin); not zero:
     * +1.6..+2.2%}, or {@code inconclusive (±3.1%, margin ±2%): +1.5% (95% CI -1.6..+4.7%, 3 forks, paired): about 4
     * more forks would decide; zero not excluded}.
     */
    public String phrase() {
        return switch (word) {
            case FREE -> "free: " + interval.percent().replaceFirst("\\)$", "; inside " + marginWords() + ")") + "; " + zeroWords();
            case COSTS -> "costs " + interval.percent() + "; " + zeroWords();
            case AT_THE_MARGIN -> "at the margin: " + interval.percent().replaceFirst("\\)$", "; " + marginWords() + " margin)")
                    + "; " + zeroWords();
            case INCONCLUSIVE -> {
                if (interval.basis() != Basis.FORKS || !interval.hasInterval()) {
                    yield "inconclusive (" + interval.basis().words(interval.forks()) + "): " + Interval.change(interval.point())
                            + "%: it takes 3 or more forks to decide";
                }
                String spread = String.format(Locale.ROOT, "±%.1f%%", (interval.high() - interval.low()) / 2 * 100);
                yield "inconclusive (" + spread + ", margin " + marginWords() + "): " + interval.percent() + ": "
                        + (moreForks >= 1000 ? "more than 1000 more forks" : "about " + moreForks + " more fork" + (moreForks == 1 ? "" : "s"))
                        + " would decide; " + zeroWords();
            }
        };
    }
}
