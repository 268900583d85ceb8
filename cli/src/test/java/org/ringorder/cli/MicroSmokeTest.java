package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.results.JmhResult;
import org.ringorder.strategy.Strategies;

/**
 * Every benchmark once, at its smallest setting, through the real command line and the real
 * benchmarks.jar: each strategy and role must run, pass its benchmark's own checks (the reset
 * and harvest counts, the scan sums) and land in the results file. Not a timing test.
 */
class MicroSmokeTest {
    @TempDir
    Path dir;

    @Test
    void everyBenchmarkRunsAtItsSmallestSetting() {
        Path out = dir.resolve("smoke.json");
        CliTestSupport.Run r = CliTestSupport.run("micro", "--profile", "smoke", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<JmhResult> results = JmhResult.read(out);
        Map<String, Long> perBenchmark = results.stream()
                .collect(Collectors.groupingBy(JmhResult::shortName, Collectors.counting()));
        int strategies = Strategies.NAMES.size();
        long backends = org.ringorder.jni.NativeRing.unavailable().isEmpty() ? 2 : 1; // jvm, and native where it loads
        Map<String, Long> expected = new java.util.HashMap<>(Map.of("Reset.reset", 2L * strategies * backends,
                "Harvest.harvest", 2L * strategies * backends, "BareScan.scan", strategies * backends,
                "SplitCost.inlined", 4L, "SplitCost.viaStrategy", 4L,
                "RingWorkload.collector", 2L * strategies, "RingWorkload.thread", (long) strategies));
        if (backends == 2) {
            expected.put("JniCall.call", 1L);
        }
        assertEquals(expected, perBenchmark);
        for (JmhResult x : results) {
            assertTrue(x.score() > 0 && Double.isFinite(x.score()), x.toString());
            if (x.workload()) {
                assertEquals("1", x.param("vcpus"), "one vCPU thread in the smoke run");
                assertTrue(x.metric("recycled").orElseThrow().value() > 0, "entries were recycled: " + x);
                assertEquals(0.0, x.metric("stalePayloads").orElseThrow().value(), "no stale payload: " + x);
                assertEquals(0.0, x.metric("shortResets").orElseThrow().value(), "no short reset: " + x);
            } else {
                assertEquals("ns/op", x.unit());
            }
        }
        assertTrue(r.out().contains("vs plain"), r.out());
        assertTrue(r.out().contains("results: " + out), r.out());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no .part file left behind");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Plain JMH on the jar: a bad param fails the benchmark's setup at once, with the CLI's message. */
    @Test
    void rawJmhRefusesBadParamsWithTheSameMessage() throws Exception {
        String out = jmh("ResetBench", "-p", "strategy=acquire", "-p", "ringSize=1024", "-p", "vcpus=1");
        assertTrue(out.contains("unknown strategy 'acquire': expected one of plain, opaque, volatile, acquire-load, "
                + "full-fence, batched-fence"), out);
        out = jmh("BareScanBench", "-p", "strategy=plain", "-p", "ringSize=1000");
        assertTrue(out.contains("ring size 1000 is not a power of two in 256..65536"), out);
        out = jmh("HarvestBench", "-p", "strategy=plain", "-p", "ringSize=1024", "-p", "vcpus=1", "-p", "roles=kernel");
        assertTrue(out.contains("unknown roles 'kernel': expected one of all, userspace"), out);
    }

    private static String jmh(String... args) throws Exception {
        Jvm jvm = Jvm.current();
        List<String> cmd = new ArrayList<>(List.of(jvm.java.toString()));
        cmd.addAll(jvm.hostOptions());
        cmd.addAll(List.of("-jar", Home.benchmarksJar().toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-f", "1", "-wi", "0", "-i", "1", "-r", "100ms", "-foe", "true"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        p.getInputStream().transferTo(buf);
        p.waitFor();
        return buf.toString(StandardCharsets.UTF_8);
    }
}
