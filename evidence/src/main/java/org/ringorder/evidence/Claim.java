package org.ringorder.evidence;

import java.util.Locale;
import java.util.Optional;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.evidence.stats.Ratio;
import org.ringorder.evidence.stats.Verdict;

/**
 * The seed's claim in one run on one backend: the claimed strategy over the reference at
 * {@link ClaimSetting#CLAIM}, judged against the margin by {@link Pick.Rule} (empty verdict: not
 * measured), and whether the backend's null pair was free. Its words are the {@link Verdict}'s,
 * marked where the null pair undermines them or the rule differs from the run's.
 */
public record Claim(Run run, String backend, String compiler, Optional<Verdict> verdict, Optional<Verdict> nullPair,
                    boolean independent, String rejudged) {
    /**
     * The claim for one run and compiler (a JDK, or "C (gcc)"): the claimed strategy's ratio to
     * the reference in {@code costs}, and the backend's null pair, each judged by {@code rule}.
     */
    public static Claim of(Run run, Costs costs, String backend, String compiler, Pick.Rule rule) {
        Optional<Costs.Cost> a = costs.of(Pick.CLAIMED).filter(c -> c.vsPlain() != null);
        return of(run, backend, compiler, a.map(Costs.Cost::vsPlain), costs.nullPair(),
                a.map(c -> c.source() == Costs.Source.INDEPENDENT).orElse(false), rule);
    }

    /**
     * The claim from a ratio of the claimed strategy to the reference measured elsewhere (the concurrent workload's), and
     * its null pair on the same backend and setting (empty: none measured), each judged by {@code rule}.
     */
    public static Claim of(Run run, String backend, String compiler, Optional<Ratio> ratio, Optional<Ratio> nullPair,
                           boolean independent, Pick.Rule rule) {
        return new Claim(run, backend, compiler, ratio.map(rule::judge), nullPair.map(rule::judge), independent, rejudged(run, rule));
    }

    /** Not to be read as a plain verdict: the null pair on the same backend was not free. */
    public boolean unreliable() {
        return nullPair.isPresent() && nullPair.get().word() != Verdict.Word.FREE;
    }

    /** E.g. {@code acquire-load on x86_64, C (gcc): at the margin: +1.9% (...)}. */
    public String line() {
        return verdict.isEmpty() ? Pick.CLAIMED + " on " + run.arch() + ", " + compiler + ": not measured in " + run.dir()
                : String.format(Locale.ROOT, "%s on %s, %s: %s", Pick.CLAIMED, run.arch(), compiler, words());
    }

    /** The verdict as every place shows it: marked unreliable where its null pair was not free, and re-judged where so. */
    public String words() {
        return verdict.map(v -> unsure() + v.phrase() + rejudged
                + (independent ? " [from independent forks: run this ringorder for a paired verdict]" : "")).orElse("not measured");
    }

    /** What goes before the verdict where the null pair undermines it (a figure derived from this claim's ratio too), else "". */
    public String unsure() {
        return unreliable() ? "unreliable (its null pair was not free: " + nullPair.get().word().text() + "): " : "";
    }

    /** Where the rule asked for differs from the run's: the interval is the run's, judged again; the run stopped at its own. */
    static String rejudged(Run run, Pick.Rule rule) {
        EnvRecord.Design d = run.env().design();
        if (d == null || d.resolutionPercent() == null) {
            return "";
        }
        boolean sameMargin = Math.abs(d.marginPercent() - rule.margin() * 100) < 1e-9;
        boolean sameResolution = Math.abs(d.resolutionPercent() - rule.resolution() * 100) < 1e-9;
        return sameMargin && sameResolution ? "" : " [re-judged at " + rule.marginWords() + ", resolution " + rule.resolutionWords()
                + ": the run stopped at ±" + Interval.trim(d.marginPercent()) + "%, resolution ±" + Interval.trim(d.resolutionPercent())
                + "%]";
    }
}
