package org.ringorder.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.PairedResult;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.stats.Ratio;
import org.ringorder.evidence.stats.StudentT;
import org.ringorder.evidence.stats.Verdict;

/**
 * How a run decides the claim within its budget, without peeking.
 * <ol>
 *   <li>The pilot: the null pairs (plain against a separate copy of plain) on each backend,
 *       the machine's own noise, on record; a null pair that is not free marks the run unreliable.</li>
 *   <li>The claim in two stages (Stein's design): a first stage of fixed forks; its spread alone
 *       (never its mean) fixes how many forks the second stage adds so that the interval is no
 *       wider than the target, the margin (±2%), within what the budget has left. The interval
 *       then uses the first stage's spread and degrees of freedom, which keeps its coverage exact.
 *       Looking at the interval and stopping once it fits would inflate the error rate: not that.</li>
 * </ol>
 */
final class Decision {
    final Pick.Rule rule;
    final double budgetSeconds;
    final int pilotForks;
    final int firstStageForks;
    final int candidateForks;
    private final long start = System.nanoTime();
    private Double pilotSpread;
    private double forkSeconds = 4.5;
    private EnvRecord.NullPair jvmNull;
    private EnvRecord.NullPair nativeNull;
    private final Map<String, Double> claimSpread = new LinkedHashMap<>();
    private final Map<String, Integer> claimForks = new LinkedHashMap<>();
    private final Map<String, Integer> moreForks = new LinkedHashMap<>();

    Decision(Pick.Rule rule, double budgetSeconds, int pilotForks, int firstStageForks, int candidateForks) {
        this.rule = rule;
        this.budgetSeconds = budgetSeconds;
        this.pilotForks = pilotForks;
        this.firstStageForks = firstStageForks;
        this.candidateForks = candidateForks;
    }

    /** Seconds one paired fork takes here: measured by the pilot, else a first guess. */
    double forkSeconds() {
        return forkSeconds;
    }

    double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The widest claim interval allowed, on the log scale: the margin. */
    double target() {
        return Math.log(1 + rule.margin());
    }

    /** The pilot's results: each backend's null pair, the spread of its forks, and how long a fork takes. */
    void pilot(Path jmhFile, double wallSeconds, int configs) {
        forkSeconds = Math.max(1, wallSeconds / Math.max(1, configs * pilotForks));
        double worst = 0;
        for (JmhResult r : JmhResult.read(jmhFile)) {
            if (!r.paired() || !r.param("strategy").equals(r.param("reference"))) {
                continue;
            }
            Ratio nul = new PairedResult(r).ratio();
            Verdict v = rule.judge(nul);
            EnvRecord.NullPair p = new EnvRecord.NullPair(nul.value(), v.interval().hasInterval() ? v.interval().low() : null,
                    v.interval().hasInterval() ? v.interval().high() : null, nul.forks(), v.phrase());
            if (r.param("backend").equals("native")) {
                nativeNull = p;
            } else {
                jvmNull = p;
            }
            if (nul.hasInterval()) {
                worst = Math.max(worst, nul.forkSpread());
            }
        }
        pilotSpread = worst;
    }

    /**
     * After the claim's first stage: per backend, the forks its spread asks for in all, so that
     * t(first stage's df) x spread / sqrt(n) is no wider than the target; the second stage gets
     * the difference, scaled down to what the budget leaves once {@code afterSeconds} (every part
     * after the claim) is paid for.
     */
    void firstStage(Path jmhFile, double afterSeconds) {
        double t = StudentT.quantile(0.5 + rule.level() / 2, Math.max(1, firstStageForks - 1));
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (JmhResult r : JmhResult.read(jmhFile)) {
            if (!r.paired()) {
                continue;
            }
            Ratio first = new PairedResult(r).ratio();
            String backend = r.param("backend");
            double sd = first.hasInterval() ? first.forkSpread() : 0;
            claimSpread.put(backend, sd * 100);
            int n = (int) Math.ceil(Math.pow(t * sd / target(), 2));
            wanted.put(backend, Math.max(0, Math.min(200, n) - firstStageForks));
        }
        int asked = wanted.values().stream().mapToInt(Integer::intValue).sum();
        int affordable = (int) Math.floor(Math.max(0, budgetSeconds - elapsed() - afterSeconds) / forkSeconds);
        double scale = asked <= affordable || asked == 0 ? 1 : (double) affordable / asked;
        wanted.forEach((backend, more) -> {
            int m = firstStageForks <= 1 ? 0 : (int) Math.floor(more * scale);
            moreForks.put(backend, m);
            claimForks.put(backend, firstStageForks + m);
        });
    }

    /** The second stage's forks per backend (empty before the first stage ran). */
    Map<String, Integer> moreForks() {
        return moreForks;
    }

    /** The noise the run measured, for env.json. */
    EnvRecord.Noise noise(List<Double> loadStart, List<Double> loadEnd, Double steal) {
        return new EnvRecord.Noise(jvmNull, nativeNull, steal, loadStart, loadEnd);
    }

    EnvRecord.Design design() {
        return new EnvRecord.Design(rule.margin() * 100, rule.level() * 100, budgetSeconds, pilotForks,
                pilotSpread == null ? null : pilotSpread * 100, firstStageForks, rule.margin() * 100, Map.copyOf(claimSpread),
                Map.copyOf(claimForks), candidateForks,
                String.format(Locale.ROOT, "free when the whole %s interval lies inside %s; costs when it lies outside; else "
                        + "inconclusive. The claim: %d forks, then as many more as their spread asks for an interval no wider "
                        + "than %s, within the budget (Stein's two-stage design)", rule.levelWords(), rule.marginWords(),
                        firstStageForks, rule.marginWords()));
    }
}
