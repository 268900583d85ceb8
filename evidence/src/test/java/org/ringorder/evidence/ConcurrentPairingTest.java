package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.evidence.stats.Ratio;

/**
 * The concurrent workload's pairing read from hand-made counters: each side's ns per entry recycled is its fork's
 * nanoseconds over its fork's entries, the fork's ratio is test over reference, the interval is over forks, and a
 * sequence on the concurrent workload gives the repeated interval; the ordering points' readers never see it.
 */
class ConcurrentPairingTest {
    @TempDir
    Path dir;

    /**
     * Four forks of two iterations. Per fork, reference ns/entry: 240/20 = 12, 400/40 = 10, 180/20 = 9, 600/50 = 12; test:
     * 252/21 = 12, 429/39 = 11, 171/20 = 8.55, 624/52 = 12. Ratios 1.0, 1.1, 0.95, 1.0. The sides recycle different
     * entries (and iterations differ within a fork), so neither nanoseconds alone nor per-iteration ratios give these.
     */
    static Map<String, List<List<Double>>> fixed() {
        Map<String, List<List<Double>>> c = new LinkedHashMap<>();
        c.put("refNanos", List.of(List.of(100.0, 140.0), List.of(200.0, 200.0), List.of(90.0, 90.0), List.of(300.0, 300.0)));
        c.put("refEntries", List.of(List.of(10.0, 10.0), List.of(20.0, 20.0), List.of(10.0, 10.0), List.of(25.0, 25.0)));
        c.put("testNanos", List.of(List.of(130.0, 122.0), List.of(220.0, 209.0), List.of(85.0, 86.0), List.of(312.0, 312.0)));
        c.put("testEntries", List.of(List.of(12.0, 9.0), List.of(21.0, 18.0), List.of(10.0, 10.0), List.of(25.0, 27.0)));
        return c;
    }

    private Run run(EnvRecord.Design design, JmhRecord... records) throws Exception {
        Files.createDirectories(dir);
        Run.writeEnv(dir, RunFixtures.env("x86_64", true, null, null, design));
        Json.write(dir.resolve(Run.JMH), List.of(records));
        return Run.load(dir);
    }

    @Test
    void eachForkIsItsSidesNanosecondsOverTheirEntriesAndTheIntervalIsOverForks() throws Exception {
        Run run = run(null, RunFixtures.concurrent("acquire-load", "jvm", 1, fixed()));
        List<PairedResult> all = PairedResult.concurrent(run);
        assertEquals(1, all.size());
        PairedResult p = all.get(0);
        assertTrue(p.concurrent());
        assertEquals(4, p.forks());
        List<Double> ratios = p.forkRatios();
        double[] expected = {1.0, 1.1, 0.95, 1.0};
        for (int f = 0; f < 4; f++) {
            assertEquals(expected[f], ratios.get(f), 1e-12, "fork " + f);
        }
        assertEquals(List.of(12.0, 10.0, 9.0, 12.0), p.forkPerEntry(PairedResult.Side.REFERENCE));
        double[] test = {12, 11, 8.55, 12};
        for (int f = 0; f < 4; f++) {
            assertEquals(test[f], p.forkPerEntry(PairedResult.Side.TEST).get(f), 1e-12, "fork " + f);
        }
        assertEquals(10.75, p.perEntry(PairedResult.Side.REFERENCE).value(), 1e-12);
        assertEquals((12 + 11 + 8.55 + 12) / 4, p.perEntry(PairedResult.Side.TEST).value(), 1e-12);
        assertEquals(4, p.perEntry(PairedResult.Side.TEST).forks());
        double meanLog = (Math.log(1.0) + Math.log(1.1) + Math.log(0.95) + Math.log(1.0)) / 4;
        Ratio r = p.ratio();
        assertEquals(Math.exp(meanLog), r.value(), 1e-12);
        assertEquals(4, r.forks());
        Interval i = r.interval(0.95);
        assertEquals(4, i.forks());
        assertEquals("CI", i.kind(), "no design: fixed-sample");
        assertTrue(i.low() < 1 && i.high() > 1.05, i.percent());
        assertThrows(IllegalArgumentException.class, () -> p.ratio(PairedResult.Phase.HARVEST), "timed whole: no harvest figure");
    }

    @Test
    void aSequenceOnTheConcurrentWorkloadGivesTheRepeatedIntervalAtOneVcpuOnly() throws Exception {
        EnvRecord.Sequence ordering = sequence(null, 4, 9.0);
        EnvRecord.Sequence concurrent = sequence(EnvRecord.Sequence.CONCURRENT, 4, 3.0);
        EnvRecord.Design design = new EnvRecord.Design(2, 95, 300.0, "rule", 0.5, "Lan-DeMets O'Brien-Fleming",
                List.of(ordering, concurrent));
        Run run = run(design, RunFixtures.concurrent("acquire-load", "jvm", 1, fixed()),
                RunFixtures.concurrent("acquire-load", "jvm", 2, fixed()));
        PairedResult one = PairedResult.concurrent(run).get(0);
        assertEquals(concurrent, one.sequence(), "the concurrent workload's sequence, not the ordering points' of the same pair");
        Ratio r = one.ratio();
        assertTrue(r.sequential());
        Interval i = r.interval(0.95);
        assertEquals("repeated CI", i.kind());
        assertEquals("look 1 of 2", i.look());
        assertEquals(Math.exp(r.logMean() + 3.0 * r.logSe()), i.high(), 1e-12, "the look's critical value, not Student's t");
        PairedResult two = PairedResult.concurrent(run).get(1);
        assertEquals("2", two.vcpus());
        assertEquals(null, two.sequence());
        assertEquals("CI", two.ratio().interval(0.95).kind(), "2 vCPUs: decided by no sequence, fixed-sample and labelled so");
        // and the ordering points' lookup never returns the concurrent workload's sequence
        EnvRecord.Design onlyConcurrent = new EnvRecord.Design(2, 95, 300.0, "rule", 0.5, "x", List.of(concurrent));
        assertTrue(onlyConcurrent.sequence("acquire-load", "jvm").isEmpty());
        assertEquals(ordering, design.sequence("acquire-load", "jvm").orElseThrow());
    }

    @Test
    void theOrderingPointsReadersNeverSeeConcurrentResults() throws Exception {
        List<RunFixtures.Pair> pairs = List.of(new RunFixtures.Pair("plain", 1.0, 0.002, 5.0, "jvm"),
                new RunFixtures.Pair("acquire-load", 1.02, 0.002, 5.0, "jvm"));
        Path without = RunFixtures.write(dir.resolve("without"), RunFixtures.env("x86_64", true, null, null, null), pairs, List.of(),
                List.of());
        Path with = RunFixtures.write(dir.resolve("with"), RunFixtures.env("x86_64", true, null, null, null), pairs,
                List.of(new RunFixtures.Concurrent("acquire-load", 1.5, 0.01, 3.0, "jvm", 1),
                        new RunFixtures.Concurrent("plain", 1.0, 0.01, 3.0, "jvm", 1)), List.of());
        Run a = Run.load(without);
        Run b = Run.load(with);
        assertEquals(2, PairedResult.all(b).size());
        assertTrue(PairedResult.all(b).stream().noneMatch(PairedResult::concurrent));
        assertEquals(2, PairedResult.concurrent(b).size());
        assertTrue(b.results().stream().filter(JmhResult::concurrentPaired).noneMatch(JmhResult::paired));
        Costs ca = Costs.of(a, "jvm");
        Costs cb = Costs.of(b, "jvm");
        assertEquals(ca.byStrategy().keySet(), cb.byStrategy().keySet());
        assertEquals(ca.of("acquire-load").orElseThrow().vsPlain(), cb.of("acquire-load").orElseThrow().vsPlain());
        assertEquals(Pick.pick(List.of(a)).claims().get(0).replace(a.dir().toString(), ""),
                Pick.pick(List.of(b)).claims().get(0).replace(b.dir().toString(), ""), "the claim is unchanged");
        assertFalse(Figures.csv(b.results(), 0.95).lines().anyMatch(l -> l.startsWith("ConcurrentPaired.pair,") && l.contains("ns_per_call")),
                "figures.csv reads it as a pairing, not as a benchmark per call");
    }

    /** A sequence that stopped at its first look of {@code forks}, whose boundary was {@code critical} standard errors. */
    private static EnvRecord.Sequence sequence(String workload, int forks, double critical) {
        return new EnvRecord.Sequence("acquire-load", "jvm", "claim", forks, 1.0, 8, 0.35, List.of(4, 8), List.of(2.9, 2.0),
                new ArrayList<>(List.of(new EnvRecord.Look(forks, 2.9, critical, "free"))), "free at look 1", workload);
    }
}
