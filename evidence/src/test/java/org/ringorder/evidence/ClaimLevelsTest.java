package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.ClaimLevels.Level;
import org.ringorder.evidence.stats.Verdict;

/** The claim at three levels: each level's words, each reason a level is not measured, and level 3 measured on real KVM. */
class ClaimLevelsTest {
    private static final EnvRecord.KvmInfo REAL = new EnvRecord.KvmInfo(true, true, List.of("kvm_amd"), "kvm_amd", null);
    private static final List<RunFixtures.Pair> ORDERING = List.of(new RunFixtures.Pair("plain", 1.0, 0.002, 5.0, "jvm"),
            new RunFixtures.Pair("acquire-load", 1.012, 0.002, 5.0, "jvm"));

    @TempDir
    Path dir;

    private ClaimLevels levels(String name, EnvRecord env, List<RunFixtures.Pair> pairs, List<RunFixtures.Concurrent> concurrent,
                               List<KvmRecord> kvm) throws Exception {
        Run run = Run.load(RunFixtures.write(dir.resolve(name), env, pairs, concurrent, kvm));
        return Pick.pick(List.of(run)).levels(run).orElseThrow();
    }

    private static String only(ClaimLevels l, Level level) {
        List<ClaimLevels.Line> lines = l.level(level);
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0).text();
    }

    @Test
    void theOrderingPointsAreTheClaimsOwnWordsAndTheOtherLevelsSayWhyNotMeasured() throws Exception {
        ClaimLevels l = levels("plain-run", RunFixtures.env("x86_64", true, null, null, null), ORDERING, List.of(), List.of());
        Pick.Result pick = Pick.pick(List.of(l.run()));
        ClaimLevels.Line jvm = l.level(Level.ORDERING_POINTS).get(0);
        assertEquals("ordering points, JVM (JDK 17): " + pick.timedClaims().get(0).words(), jvm.text());
        assertEquals(pick.timedClaims().get(0).verdict(), jvm.verdict());
        assertEquals("ordering points, C (gcc): not measured in " + l.run().dir() + ": no result on the native backend (not built: "
                + "no gcc)", l.level(Level.ORDERING_POINTS).get(1).text());
        assertEquals("concurrent workload: not measured in " + l.run().dir() + ": the run's profile (quick) did not run it",
                only(l, Level.CONCURRENT));
        assertEquals("real kernel path: not measured: the kvm part did not run in this run", only(l, Level.KERNEL_PATH));
    }

    @Test
    void theConcurrentWorkloadIsJudgedAsTheClaimIsPerBackendAndVcpusAndMarkedWhereItsNullPairIsNotFree() throws Exception {
        List<RunFixtures.Concurrent> concurrent = List.of(
                new RunFixtures.Concurrent("acquire-load", 1.003, 0.002, 40.0, "jvm", 1),
                new RunFixtures.Concurrent("plain", 1.0, 0.002, 40.0, "jvm", 1),
                new RunFixtures.Concurrent("acquire-load", 1.10, 0.002, 40.0, "jvm", 4),
                new RunFixtures.Concurrent("acquire-load", 1.003, 0.002, 30.0, "native", 1),
                new RunFixtures.Concurrent("plain", 1.05, 0.002, 30.0, "native", 1));
        ClaimLevels l = levels("concurrent", RunFixtures.env("x86_64", true, null, null, null), ORDERING, concurrent, List.of());
        List<String> lines = l.level(Level.CONCURRENT).stream().map(ClaimLevels.Line::text).toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("concurrent workload, 1 vCPU + collector, JVM (JDK 17): free: +0.3% (95% CI"), lines.get(0));
        assertTrue(lines.get(1).startsWith("concurrent workload, 4 vCPUs + collector, JVM (JDK 17): costs +10.0% (95% CI"), lines.get(1));
        assertTrue(lines.get(2).startsWith("concurrent workload, 1 vCPU + collector, C (gcc): unreliable (its null pair was not free: "
                + "costs): free: +0.3%"), lines.get(2));
        assertTrue(l.level(Level.CONCURRENT).get(2).unreliable());
        assertEquals(Verdict.Word.FREE, l.level(Level.CONCURRENT).get(0).verdict().orElseThrow().word());
    }

    @Test
    void aConcurrentPairingWhoseVerificationFailedSaysSo() throws Exception {
        java.util.Map<String, List<List<Double>>> counters = new java.util.LinkedHashMap<>(ConcurrentPairingTest.fixed());
        counters.put("stalePayloads", List.of(List.of(0.0, 0.0), List.of(0.0, 2.0), List.of(0.0, 0.0), List.of(1.0, 0.0)));
        String line = concurrentLine("failed", counters);
        assertTrue(line.endsWith("; its verification failed: 3 stale payloads, 0 short resets (either side; must be 0)"), line);
    }

    @Test
    void aConcurrentLineSaysHowManyPairsWereLeftOutAsDisturbed() throws Exception {
        java.util.Map<String, List<List<Double>>> counters = new java.util.LinkedHashMap<>(ConcurrentPairingTest.fixed());
        List<List<Double>> hundred = List.of(List.of(100.0, 100.0), List.of(100.0, 100.0), List.of(100.0, 100.0), List.of(100.0, 100.0));
        counters.put("pairs", hundred);
        counters.put("disturbedPairs", List.of(List.of(3.0, 0.0), List.of(0.0, 5.0), List.of(0.0, 0.0), List.of(4.0, 0.0)));
        String line = concurrentLine("disturbed", counters);
        assertTrue(line.endsWith("; 1.5% of pairs left out as disturbed"), line); // 12 of 800
    }

    /** pick's concurrent line for a run of one concurrent pairing (acquire-load, JVM, 1 vCPU) with these counters. */
    private String concurrentLine(String name, java.util.Map<String, List<List<Double>>> counters) throws Exception {
        Path d = java.nio.file.Files.createDirectories(dir.resolve(name));
        Run.writeEnv(d, RunFixtures.env("x86_64", true, null, null, null));
        Json.write(d.resolve(Run.JMH), List.of(RunFixtures.concurrent("acquire-load", "jvm", 1, counters)));
        Run run = Run.load(d);
        return Pick.pick(List.of(run)).levels(run).orElseThrow().level(Level.CONCURRENT).get(0).text();
    }

    @Test
    void theKernelPathIsNotMeasuredUnderEmulation() throws Exception {
        ClaimLevels l = levels("emulated-kvm", RunFixtures.env("x86_64", true, REAL, null, null), ORDERING, List.of(),
                List.of(RunFixtures.kvmRing("plain", 400_000, "qemu-system-x86_64 (TCG)")));
        assertEquals("real kernel path: not measured: timings under emulation are not used (qemu-system-x86_64 (TCG))",
                only(l, Level.KERNEL_PATH));
    }

    @Test
    void theKernelPathIsNotMeasuredWithoutDevKvm() throws Exception {
        EnvRecord.KvmInfo none = new EnvRecord.KvmInfo(false, null, null, null, "no /dev/kvm and no KVM module loaded");
        ClaimLevels l = levels("no-kvm", RunFixtures.env("x86_64", true, none, null, null), ORDERING, List.of(), List.of());
        assertEquals("real kernel path: not measured: no /dev/kvm on this machine", only(l, Level.KERNEL_PATH));
        EnvRecord.KvmInfo noRing = new EnvRecord.KvmInfo(true, true, List.of("kvm_pvm"), "kvm_pvm", "this kernel offers no dirty ring");
        ClaimLevels u = levels("unusable", RunFixtures.env("x86_64", true, noRing, null, null), ORDERING, List.of(), List.of());
        assertEquals("real kernel path: not measured: /dev/kvm cannot be used on this machine: this kernel offers no dirty ring",
                only(u, Level.KERNEL_PATH));
    }

    @Test
    void theKernelPathIsNotMeasuredWhereTheKvmPartOrTheOrderingPointsDidNotRun() throws Exception {
        ClaimLevels noPart = levels("no-part", RunFixtures.env("x86_64", true, REAL, null, null), ORDERING, List.of(), List.of());
        assertEquals("real kernel path: not measured: the kvm part did not run in this run", only(noPart, Level.KERNEL_PATH));
        ClaimLevels noPoints = levels("no-points", RunFixtures.env("x86_64", true, REAL, null, null), List.of(),
                List.of(new RunFixtures.Concurrent("acquire-load", 1.0, 0.002, 40.0, "jvm", 1)),
                List.of(RunFixtures.kvmRing("plain", 400_000, null)));
        assertEquals("real kernel path: not measured: the ordering points were not measured", only(noPoints, Level.KERNEL_PATH));
        assertTrue(noPoints.level(Level.ORDERING_POINTS).get(0).text().startsWith("ordering points, JVM (JDK 17): not measured in "),
                noPoints.texts().toString());
    }

    @Test
    void onRealKvmTheKernelPathIsTheOrderingsShareOfEachPage() throws Exception {
        // plain 5 ns per entry, acquire-load +1.2%: +0.06 ns per entry; the kernel path 1e9 / 400,000 = 2500 ns per page
        ClaimLevels l = levels("real", RunFixtures.env("x86_64", true, REAL, null, null), ORDERING, List.of(),
                List.of(RunFixtures.kvmRing("acquire-load", 500_000, null), RunFixtures.kvmRing("plain", 400_000, null)));
        only(l, Level.KERNEL_PATH); // one line: the JVM's (no C claim, so none in C)
        ClaimLevels.Line line = l.level(Level.KERNEL_PATH).get(0);
        assertEquals("JVM (JDK 17)", line.setting());
        Verdict v = line.verdict().orElseThrow();
        assertEquals(Verdict.Word.FREE, v.word());
        assertEquals(0.012 * 5 / 2500, v.interval().point() - 1, 1e-8, "the share of the kernel path (1.2% of 5 ns over 2500), read as 1 + share");
        assertTrue(v.interval().low() - 1 > 0 && v.interval().high() - 1 < 0.0001, v.interval().toString());
        assertTrue(line.text().startsWith("real kernel path, JVM (JDK 17): acquire-load - plain +0.060 ns per entry (+0.05"), line.text());
        assertTrue(line.text().contains(", 0.0024% (0.0020..0.0028%) of the kernel path's 2500 ns per page (plain's ring, KVM_CAP_DIRTY_LOG_RING; the "
                + "kernel path per page taken as a constant): free: +0.0% (95% CI"), line.text());
    }
}
