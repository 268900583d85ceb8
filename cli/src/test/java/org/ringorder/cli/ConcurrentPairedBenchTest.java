package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.JmhRecord;
import org.ringorder.evidence.JmhResult;
import org.ringorder.jni.Cpus;
import org.ringorder.jni.NativeRing;

/**
 * The concurrent paired benchmark's promises, on the real benchmarks.jar: each JVM side's loops
 * compile as if that side ran alone (every strategy call site C2 profiles sees one receiver, in
 * the vCPU's push and in the collector's harvest and reset alike), and on both backends a run
 * recycles the same entries on both sides with every payload verified and none stale, the collector
 * reaping once at each vCPU exit. Not timing tests: one checks the JIT's choices, the other the
 * workload's bookkeeping.
 */
class ConcurrentPairedBenchTest {
    @TempDir
    Path dir;

    @Test
    void eachSideOfTheConcurrentPairCompilesAsIfItRanAlone() {
        Assumptions.assumeTrue(Cpus.allowed().length >= 2, "skipped: one CPU, and a vCPU thread and the collector need one each");
        // one copy a side: copies multiply the isolated sides, and one makes each copy's loops hot within these seconds;
        // -jvmArgsAppend replaces the benchmark's own, so its dontinline is passed again: the JIT as the benchmark runs it
        List<String> out = PairedBenchTest.jmh("\\.ConcurrentPairedBench\\.", "-p", "strategy=acquire-load", "-p", "backend=jvm",
                "-p", "pin=none", "-p", "copies=1", "-f", "1", "-wi", "2", "-w", "1s", "-i", "1", "-r", "200ms", PairedBenchTest.PRINT_INLINING[0],
                "-XX:CompileCommand=quiet -XX:CompileCommand=dontinline,org.ringorder.bench.paired.JvmWorkloadSide::* "
                        + PairedBenchTest.PRINT_INLINING[1]);
        List<String[]> sites = PairedBenchTest.profiles(out);
        assertTrue(sites.stream().anyMatch(s -> s[0].endsWith("/AcquireLoad")), "the test side's strategy was profiled");
        assertTrue(sites.stream().anyMatch(s -> s[0].endsWith("/Plain")), "the reference side's strategy was profiled");
        assertTrue(sites.stream().allMatch(s -> s[1].equals("true")),
                "every strategy call site saw one receiver: " + sites.stream().filter(s -> s[1].equals("false")).map(s -> s[0]).toList());
        for (String point : List.of("publishDirty", "observeDirty", "observeReset")) {
            assertTrue(out.stream().anyMatch(l -> l.contains("org.ringorder.strategy.AcquireLoad::" + point) && l.contains("inline (hot)")),
                    "the vCPU's and the collector's ordering points are inlined into the side's own loops: " + point);
        }
    }

    @Test
    void bothSidesRecycleEveryEntryAndReadNoStalePayload() {
        Assumptions.assumeTrue(Cpus.allowed().length >= 2, "skipped: one CPU, and a vCPU thread and the collector need one each");
        Path file = dir.resolve("concurrent.json");
        String backends = NativeRing.unavailable().isEmpty() ? "jvm,native" : "jvm";
        // every page pattern: C's expected payload is its own copy of OffsetPattern's, and both are checked here
        PairedBenchTest.jmh("\\.ConcurrentPairedBench\\.", "-p", "strategy=plain,acquire-load", "-p", "backend=" + backends,
                "-p", "pattern=sequential,backward,random", "-p", "pin=" + (NativeRing.unavailable().isEmpty() ? "threads" : "none"),
                "-p", "laps=2", "-p", "vcpus=1", "-f", "1", "-wi", "0", "-i", "1", "-r", "200ms", "-rf", "json", "-rff", file.toString());
        List<JmhResult> results = JmhResult.read(file);
        assertEquals(backends.split(",").length * 2 * 3, results.size());
        for (JmhResult r : results) {
            String what = r.param("strategy") + " on " + r.param("backend") + ", " + r.param("pattern");
            double pairs = total(r, "pairs");
            double kept = pairs - total(r, "disturbedPairs");
            assertTrue(kept > 0, what + ": pairs ran, and not all were left out");
            double perSide = kept * 2 * 4096; // laps 2, ring 4096, one vCPU: what the vCPU pushed in the pairs kept
            assertEquals(perSide, total(r, "refEntries"), what + ": the reference's resets counted every entry its vCPU pushed");
            assertEquals(perSide, total(r, "testEntries"), what + ": the test side's resets counted every entry its vCPU pushed");
            // 8192 entries a block: the ring soft-full at 4032 and 8064 (two exits), then the vCPU's stop; one reap at each.
            // Exact at one vCPU because every strategy's reset publishes the reset index once a pass (RESET_INDEX_EACH_ENTRY
            // 0 in every workload kernel; Linux's per-entry side is no strategy's): the vCPU resumes only after the whole reap
            assertEquals(pairs * 2, total(r, "refStalls"), what + ": the reference's vCPU exited twice a block with its ring soft-full");
            assertEquals(pairs * 2, total(r, "testStalls"), what + ": the test side's vCPU alike");
            assertEquals(pairs * 3, total(r, "refReaps"), what + ": the collector reaped at each of the reference's three exits, no more");
            assertEquals(pairs * 3, total(r, "testReaps"), what + ": and at each of the test side's");
            assertTrue(total(r, "refNanos") > 0 && total(r, "testNanos") > 0, what + ": both sides were timed");
            assertEquals(0, total(r, "stalePayloads"), what + ": no reader saw a stale payload");
            assertEquals(0, total(r, "shortResets"), what + ": every reset cleared what the harvest marked");
        }
    }

    private static double total(JmhResult r, String counter) {
        JmhRecord.Metric m = r.metric(counter).orElseThrow(() -> new AssertionError("no counter " + counter));
        return m.rawData().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sum();
    }
}
