package org.ringorder.evidence.stats;

import java.util.Locale;

/**
 * The words a ratio earns against an equivalence margin stated in advance (default ±2%): two
 * one-sided tests, read off the interval.
 * <ul>
 *   <li>{@code free}: the whole interval lies inside the margin;</li>
 *   <li>{@code costs +x%}: the whole interval lies outside it (above; {@code -x%} below: cheaper
 *       than the reference);</li>
 *   <li>{@code inconclusive (±y%)}: anything else, with about how many more forks would decide.</li>
 * </ul>
 * A wide interval that contains 1.0 is never "free"; a figure from one fork never decides.
 */
public record Verdict(Word word, Interval interval, double margin, int moreForks) {
    public enum Word {
        FREE("free"), COSTS("costs"), INCONCLUSIVE("inconclusive");

        private final String text;

        Word(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Judges {@code r} at confidence {@code level} (e.g. 0.95) against the margin {@code margin} (e.g. 0.02). */
    public static Verdict judge(Ratio r, double margin, double level) {
        Interval i = r.interval(level);
        if (r.basis() != Basis.FORKS || !i.hasInterval()) {
            return new Verdict(Word.INCONCLUSIVE, i, margin, Math.max(3 - r.forks(), 2));
        }
        double lo = 1 - margin;
        double hi = 1 + margin;
        if (i.low() >= lo && i.high() <= hi) {
            return new Verdict(Word.FREE, i, margin, 0);
        }
        if (i.low() > hi || i.high() < lo) {
            return new Verdict(Word.COSTS, i, margin, 0);
        }
        double lm = r.logMean();
        double half = lm > Math.log(lo) && lm < Math.log(hi)
                ? Math.min(Math.log(hi) - lm, lm - Math.log(lo)) // to show it free
                : Math.min(Math.abs(lm - Math.log(hi)), Math.abs(lm - Math.log(lo))); // to show it costs
        return new Verdict(Word.INCONCLUSIVE, i, margin, Math.max(1, r.forksFor(half, level) - r.forks()));
    }

    public boolean decided() {
        return word != Word.INCONCLUSIVE;
    }

    /** The margin as words, e.g. {@code ±2%}. */
    public String marginWords() {
        return "±" + Interval.trim(margin * 100) + "%";
    }

    /**
     * E.g. {@code costs +11.2% (95% CI +10.6..+11.8%, 6 forks, paired)}, {@code free: +0.3% (95% CI
     * -0.4..+1.0%, 6 forks, paired; inside ±2%)}, or {@code inconclusive (±3.1%): +1.5% (95% CI
     * -1.6..+4.7%, 3 forks, paired): about 4 more forks would decide}.
     */
    public String phrase() {
        return switch (word) {
            case FREE -> "free: " + interval.percent().replaceFirst("\\)$", "; inside " + marginWords() + ")");
            case COSTS -> "costs " + interval.percent();
            case INCONCLUSIVE -> {
                if (interval.basis() != Basis.FORKS || !interval.hasInterval()) {
                    yield "inconclusive (" + interval.basis().words(interval.forks()) + "): " + Interval.change(interval.point())
                            + "%: it takes 3 or more forks to decide";
                }
                String spread = String.format(Locale.ROOT, "±%.1f%%", (interval.high() - interval.low()) / 2 / interval.point() * 100);
                yield "inconclusive (" + spread + ", margin " + marginWords() + "): " + interval.percent() + ": "
                        + (moreForks >= 1000 ? "more than 1000 more forks" : "about " + moreForks + " more fork" + (moreForks == 1 ? "" : "s"))
                        + " would decide";
            }
        };
    }
}
