package org.ringorder.evidence.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic every verdict uses, on fixed data. */
class StatsTest {
    @Test
    void studentTQuantilesMatchTheTables() {
        assertEquals(12.7062, StudentT.quantile(0.975, 1), 1e-4);
        assertEquals(4.3027, StudentT.quantile(0.975, 2), 1e-4);
        assertEquals(2.7764, StudentT.quantile(0.975, 4), 1e-4);
        assertEquals(2.2281, StudentT.quantile(0.975, 10), 1e-4);
        assertEquals(1.9600, StudentT.quantile(0.975, 100_000), 1e-3);
        assertEquals(6.3138, StudentT.quantile(0.95, 1), 1e-4);
        assertEquals(2.3534, StudentT.quantile(0.95, 3), 1e-4);
        assertEquals(3.4995, StudentT.quantile(0.995, 7), 1e-4);
        assertEquals(2.5706, StudentT.quantile(0.975, 5), 1e-4);
        assertEquals(2.3646, StudentT.quantile(0.975, 7.0), 1e-4);
        double fractional = StudentT.quantile(0.975, 4.5);
        assertTrue(fractional < 2.7764 && fractional > 2.5706, "between df 4 and 5: " + fractional);
    }

    /** {@code forks} forks of {@code iterations} iterations; each value is test over ref = the fork's ratio. */
    private static Ratio pairedForks(double... forkRatios) {
        List<List<Double>> test = new ArrayList<>();
        List<List<Double>> ref = new ArrayList<>();
        for (int f = 0; f < forkRatios.length; f++) {
            List<Double> t = new ArrayList<>();
            List<Double> r = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double wobble = 1 + 0.001 * ((i % 2) * 2 - 1); // within-fork noise, common to both sides
                r.add(1000.0 * wobble);
                t.add(1000.0 * wobble * forkRatios[f] * (1 + 0.0005 * (i - 1.5)));
            }
            test.add(t);
            ref.add(r);
        }
        return Ratio.paired(test, ref);
    }

    @Test
    void anIntervalInsideTheMarginIsFree() {
        Verdict v = Verdict.judge(pairedForks(1.002, 0.998, 1.001, 0.999, 1.000), 0.02, 0.95, 0.005);
        assertEquals(Verdict.Word.FREE, v.word(), v.phrase());
        assertTrue(v.phrase().startsWith("free: +0.0% (95% CI -0."), v.phrase());
        assertTrue(v.phrase().endsWith("5 forks, paired; inside ±2%); zero not excluded"), v.phrase());
    }

    @Test
    void aNarrowIntervalAstrideAnEdgeIsAtTheMarginAndSaysItIsNotZero() {
        Verdict v = Verdict.judge(pairedForks(1.018, 1.021, 1.02, 1.019, 1.022), 0.02, 0.95, 0.005);
        assertEquals(Verdict.Word.AT_THE_MARGIN, v.word(), v.phrase());
        assertTrue(v.phrase().startsWith("at the margin: +2.0% (95% CI +1.8..+2.2%, 5 forks, paired; ±2% margin); not zero: +1.8..+2.2%"),
                v.phrase());
        // narrow and inside, but within the resolution of the edge: runs differ by that much, so at the margin too
        Verdict hair = Verdict.judge(pairedForks(1.017, 1.017, 1.0175, 1.0165, 1.017), 0.02, 0.95, 0.005);
        assertEquals(Verdict.Word.AT_THE_MARGIN, hair.word(), hair.phrase());
        // the same interval a resolution away from the edge is free
        assertEquals(Verdict.Word.FREE, Verdict.judge(pairedForks(1.014, 1.014, 1.0145, 1.0135, 1.014), 0.02, 0.95, 0.005).word());
    }

    @Test
    void theWordsFollowTheRuleAtEveryEdge() {
        assertEquals(Verdict.Word.FREE, Verdict.word(1.0, 0.99, 1.01, 0.02, 0.005));
        double edge = 1.02 / 1.005; // widened by the resolution, this point's zero-width interval ends on the edge
        assertEquals(Verdict.Word.FREE, Verdict.word(edge, edge, edge, 0.02, 0.005), "an edge counts as inside");
        assertEquals(Verdict.Word.AT_THE_MARGIN, Verdict.word(1.015, 1.01, 1.02, 0.02, 0.005), "inside, but widened it is not");
        assertEquals(Verdict.Word.COSTS, Verdict.word(1.04, 1.031, 1.049, 0.02, 0.005));
        assertEquals(Verdict.Word.COSTS, Verdict.word(0.96, 0.95, 0.97, 0.02, 0.005), "cheaper than plain");
        assertEquals(Verdict.Word.AT_THE_MARGIN, Verdict.word(1.024, 1.021, 1.027, 0.02, 0.005), "outside, but a hair from the edge");
        assertEquals(Verdict.Word.INCONCLUSIVE, Verdict.word(1.02, 1.01, 1.03, 0.02, 0.005), "wider than the resolution, astride");
    }

    @Test
    void anIntervalOutsideTheMarginCosts() {
        Verdict v = Verdict.judge(pairedForks(1.11, 1.12, 1.115, 1.105, 1.11), 0.02, 0.95, 0.005);
        assertEquals(Verdict.Word.COSTS, v.word());
        assertTrue(v.phrase().startsWith("costs +11.2% (95% CI +10."), v.phrase());
        Verdict cheaper = Verdict.judge(pairedForks(0.90, 0.91, 0.905, 0.895, 0.90), 0.02, 0.95, 0.005);
        assertEquals(Verdict.Word.COSTS, cheaper.word());
        assertTrue(cheaper.phrase().startsWith("costs -9.8%"), cheaper.phrase());
    }

    @Test
    void aWideIntervalIsInconclusiveNeverFreeAndSaysHowManyForksWouldDecide() {
        // +27.7% (-19.1..+74.4%): the interval holds 1.0, but is no evidence of "free"
        Verdict v = Verdict.judge(pairedForks(0.85, 1.6, 1.1, 1.45, 1.0), 0.02, 0.95, 0.005);
        assertEquals(Verdict.Word.INCONCLUSIVE, v.word());
        assertTrue(v.interval().low() < 1 && v.interval().high() > 1, v.phrase());
        assertTrue(v.moreForks() > 0, v.phrase());
        assertTrue(v.phrase().matches("inconclusive \\(±\\d+\\.\\d%, margin ±2%\\): .*: about \\d+ more forks would decide; zero not excluded"),
                v.phrase());
        // an interval straddling the margin's edge is inconclusive too
        Verdict edge = Verdict.judge(pairedForks(1.01, 1.03, 1.02, 1.035, 1.005), 0.02, 0.95, 0.005);
        assertEquals(Verdict.Word.INCONCLUSIVE, edge.word(), edge.phrase());
    }

    @Test
    void oneForkNeverDecides() {
        Verdict v = Verdict.judge(pairedForks(1.000), 0.02, 0.95, 0.005);
        assertEquals(Basis.ONE_FORK, v.interval().basis());
        assertEquals(Verdict.Word.INCONCLUSIVE, v.word(), "one fork's iterations cannot see fork-to-fork variation");
        assertTrue(v.phrase().contains("one fork: fork-to-fork variation unseen"), v.phrase());
    }

    @Test
    void theForkLevelIntervalSeesABimodalJitOutcomeThatPooledIterationsHide() {
        // four forks where C2 unrolled (ratio 1.00) and four where it did not (1.10), each fork steady within itself
        double[] forks = {1.00, 1.10, 1.00, 1.10, 1.10, 1.00, 1.00, 1.10};
        Ratio r = pairedForks(forks);
        Interval i = r.interval(0.95);
        assertTrue(i.low() < 1.03 && i.high() > 1.07, "covers both modes' middle: " + i.percent());
        assertEquals(Verdict.Word.INCONCLUSIVE, Verdict.judge(r, 0.02, 0.95, 0.005).word());
        // the same 32 iterations pooled as if independent: a falsely narrow interval around a mean no fork ever had
        double[] pooled = new double[forks.length * 4];
        for (int f = 0; f < forks.length; f++) {
            for (int k = 0; k < 4; k++) {
                pooled[f * 4 + k] = Math.log(forks[f] * (1 + 0.0005 * (k - 1.5)));
            }
        }
        Mean m = Mean.of(pooled, Basis.FORKS);
        double naiveHalf = StudentT.quantile(0.975, m.df()) * m.se();
        double forkHalf = Math.log(i.high()) - Math.log(i.point());
        assertTrue(forkHalf > 2 * naiveHalf, "fork-level half-width " + forkHalf + " against pooled " + naiveHalf);
    }

    @Test
    void groupSequentialBoundariesMatchPublishedValues() {
        // Lan-DeMets Pocock type, 5 equally spaced looks, two-sided 0.05 (DeMets and Lan 1994): 2.438, 2.427, 2.410, 2.397, 2.386
        double[] pocock = GroupSequential.boundaries(0.05, new double[] {0.2, 0.4, 0.6, 0.8, 1}, GroupSequential.Spending.POCOCK);
        double[] published = {2.438, 2.427, 2.410, 2.397, 2.386};
        for (int k = 0; k < 5; k++) {
            assertEquals(published[k], pocock[k], 2e-3, "look " + (k + 1));
        }
        // O'Brien-Fleming type: the first look spends 2 - 2 Phi(1.96 / sqrt(0.2)), so its boundary is 1.96 / sqrt(0.2)
        double[] obf = GroupSequential.boundaries(0.05, new double[] {0.2, 0.4, 0.6, 0.8, 1},
                GroupSequential.Spending.OBRIEN_FLEMING);
        assertEquals(1.959964 / Math.sqrt(0.2), obf[0], 1e-4);
        assertTrue(obf[4] > 1.96 && obf[4] < 2.1, "the last look stays near the fixed-sample boundary: " + obf[4]);
        // one look spends all of alpha: the fixed-sample boundary
        assertEquals(1.959964, GroupSequential.boundaries(0.05, new double[] {1}, GroupSequential.Spending.OBRIEN_FLEMING)[0], 1e-5);
        assertEquals(0.975, Normal.cdf(1.959964), 1e-6);
        assertEquals(2.2622, GroupSequential.critical(1.959964, 9), 1e-3);
    }

    @Test
    void aPlanComesFromTheFirstLooksSpreadAndAWideOneRunsToItsCap() {
        Sequential rule = Sequential.of(0.02, 0.005, 0.95, 10);
        Sequential.Plan narrow = rule.plan(0.003, 40, Math.log1p(0.005));
        assertEquals(List.of(10), narrow.looks(), "0.3% forks need no more than the first look");
        Sequential.Plan wide = rule.plan(0.02, 40, Math.log1p(0.005));
        assertEquals(40, wide.maxForks());
        assertTrue(wide.looks().size() <= Sequential.MAX_LOOKS && wide.looks().get(0) == 10, wide.toString());
        assertTrue(wide.critical(0) > wide.critical(wide.last()), "early looks are stricter: " + wide.criticals());
    }

    @Test
    void independentRatiosCombineBothSidesErrors() {
        Mean a = Mean.of(new double[] {2.0, 2.1, 1.9}, Basis.FORKS);
        Mean b = Mean.of(new double[] {1.0, 1.05, 0.95}, Basis.FORKS);
        Ratio r = Ratio.independent(a, b);
        assertEquals(2.0, r.value(), 1e-9);
        assertEquals(Math.hypot(a.se() / 2.0, b.se() / 1.0), r.logSe(), 1e-12);
        assertEquals(false, r.paired());
        Mean sum = a.plus(b);
        assertEquals(3.0, sum.value(), 1e-12);
        assertEquals(Math.hypot(a.se(), b.se()), sum.se(), 1e-12);
    }

    @Test
    void forkMeansFromRawDataDivideByTheEntries() {
        Mean m = Mean.ofForks(List.of(List.of(4096.0, 4096.0), List.of(8192.0, 8192.0), List.of(6144.0, 6144.0)), 4096);
        assertEquals(1.5, m.value(), 1e-12);
        assertEquals(3, m.forks());
        assertEquals(Basis.FORKS, m.basis());
        Interval i = m.interval(0.95);
        assertEquals(1.5 - 4.3027 * 0.5 / Math.sqrt(3), i.low(), 1e-3);
        assertEquals(Basis.ONE_SAMPLE, Mean.ofForks(List.of(List.of(7.0)), 1).basis());
    }
}
