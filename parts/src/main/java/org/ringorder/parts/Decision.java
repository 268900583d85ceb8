package org.ringorder.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.stats.Sequential;
import org.ringorder.evidence.stats.Verdict;

/**
 * How a run spends its budget on the decision: three groups of paired comparisons at the ordering
 * points, then, where the profile or --only asks, the claim on the concurrent workload (its null
 * pair, then the claim: half the time left goes to each claim), each decided by the same
 * sequential rule ({@link Sequential}), one after another.
 * <ol>
 *   <li>the null pairs (plain against a separate copy of plain, on each backend): the claim that no
 *       bias lies beyond the margin, which must come out free, or the run's claims are marked
 *       unreliable; sized for an interval of half the margin, and given at most a third of the
 *       time left;</li>
 *   <li>the other known-safe candidates against plain, on the JVM: far from plain, a first look
 *       decides them; at most a third of the time left;</li>
 *   <li>the claim (acquire-load against plain, on each backend): sized for an interval no wider than
 *       the resolution, with all the time left once the parts after the decision are paid for.</li>
 * </ol>
 * Within a group, half the time goes in equal shares (each comparison up to its need), the other
 * half to the smallest needs first ({@link DecisionGroup}). Nothing here looks at a comparison's
 * mean to plan it.
 */
public final class Decision {
    /** The share of the time left that the null pairs, or the candidates, may take beyond their first look. */
    static final double NULL_SHARE = 1.0 / 3;

    final Pick.Rule rule;
    final double budgetSeconds;
    private final Profile profile;
    private final long start = System.nanoTime();
    private final List<DecisionGroup> groups = new ArrayList<>();
    private final List<DecisionGroup> finished = new ArrayList<>();
    private final List<EnvRecord.Sequence> sequences = new ArrayList<>();
    private DoubleSupplier afterSeconds = () -> 0;
    private EnvRecord.NullPair jvmNull;
    private EnvRecord.NullPair nativeNull;

    public Decision(Pick.Rule rule, double budgetSeconds, Profile profile) {
        this.rule = rule;
        this.budgetSeconds = budgetSeconds;
        this.profile = profile;
    }

    /** The sequential rule for a group's comparisons, with that group's first look. */
    Sequential rule(int firstLook) {
        return Sequential.of(rule.margin(), rule.resolution(), rule.level(), firstLook);
    }

    Profile profile() {
        return profile;
    }

    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** What every part after the decision will take, the report included. */
    public void after(DoubleSupplier seconds) {
        this.afterSeconds = seconds;
    }

    void add(DecisionGroup g) {
        groups.add(g);
    }

    /**
     * Seconds {@code g} may spend beyond its first look: the budget less what has run, what every
     * later group's first look and every later part will take; the null pairs and the candidates a
     * third of that.
     */
    double extraSeconds(DecisionGroup g) {
        double left = Math.max(0, deadline(g) - elapsed());
        return g.role().equals(DecisionGroup.CLAIM) ? left * claimShare(g) : left * NULL_SHARE;
    }

    /** A claim's share of the time left: all of it, or half where the claim on the concurrent workload comes after it. */
    private double claimShare(DecisionGroup g) {
        return groups.stream().skip(groups.indexOf(g) + 1).anyMatch(o -> o.role().equals(DecisionGroup.CLAIM)) ? 0.5 : 1;
    }

    /**
     * For the progress line: the seconds {@code g} should take beyond its first look: its share of
     * the budget left once every unfinished group's first look and every later part are paid for.
     */
    double plannedExtraSeconds(DecisionGroup g) {
        if (g.role().equals(DecisionGroup.CANDIDATE)) {
            return 0;
        }
        double free = budgetSeconds - elapsed() - afterSeconds.getAsDouble();
        boolean nullsToCome = false;
        for (DecisionGroup other : groups) {
            if (!finished.contains(other)) {
                free -= other.firstLookSeconds();
                nullsToCome |= other.role().equals(DecisionGroup.NULL_PAIR) && other != g;
            }
        }
        double share = g.role().equals(DecisionGroup.NULL_PAIR) ? NULL_SHARE : (nullsToCome ? 1 - NULL_SHARE : 1) * claimShare(g);
        return Math.max(0, free) * share;
    }

    void finished(DecisionGroup g) {
        finished.add(g);
    }

    /** The latest moment (seconds since the start) a look of {@code g} may end: every later group's first look and part paid for. */
    double deadline(DecisionGroup g) {
        double reserve = afterSeconds.getAsDouble();
        for (int i = groups.indexOf(g) + 1; i < groups.size(); i++) {
            reserve += groups.get(i).firstLookSeconds();
        }
        return budgetSeconds - reserve;
    }

    /** A comparison as it stands after a look: kept for env.json (replacing its earlier record), and a null pair's for the noise record. */
    synchronized void decided(EnvRecord.Sequence s, Verdict v) {
        sequences.removeIf(x -> x.strategy().equals(s.strategy()) && x.backend().equals(s.backend())
                && java.util.Objects.equals(x.workload(), s.workload()));
        sequences.add(s);
        if (s.role().equals(DecisionGroup.NULL_PAIR) && s.workload() == null) { // the machine's noise: the ordering points' null pairs
            EnvRecord.NullPair p = new EnvRecord.NullPair(v.interval().point(), v.interval().hasInterval() ? v.interval().low() : null,
                    v.interval().hasInterval() ? v.interval().high() : null, v.interval().forks(), v.phrase());
            if (s.backend().equals("native")) {
                nativeNull = p;
            } else {
                jvmNull = p;
            }
        }
    }

    /** The noise the run measured, for env.json. */
    public EnvRecord.Noise noise(List<Double> loadStart, List<Double> loadEnd, Double steal) {
        return new EnvRecord.Noise(jvmNull, nativeNull, steal, loadStart, loadEnd);
    }

    public synchronized EnvRecord.Design design() {
        Sequential r = rule(1);
        return new EnvRecord.Design(rule.margin() * 100, rule.level() * 100, budgetSeconds, String.format(Locale.ROOT,
                "free when the whole %s repeated interval, widened by the resolution in quadrature, lies inside %s (an edge "
                        + "counts as inside); costs when it lies outside; at the margin when it straddles an edge and is no wider than "
                        + "%s; else inconclusive. Each comparison: a "
                        + "first look (null pairs %d forks, the claim %d, candidates %d), then looks in batches up to the forks its "
                        + "first look's spread asks for within its share of the budget (%s alpha spending, repeated confidence "
                        + "intervals)", rule.levelWords(), rule.marginWords(), rule.resolutionWords(), profile.settings.firstLook,
                profile.settings.firstLook, profile.settings.candidateFirstLook, r.spending().words()),
                rule.resolution() * 100, r.spending().words(), List.copyOf(sequences));
    }
}
