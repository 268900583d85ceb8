package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.JmhResult;
import org.ringorder.jni.NativeRing;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.BenchSpec;
import org.ringorder.parts.Home;
import org.ringorder.parts.Parts;
import org.ringorder.parts.Plan;
import org.ringorder.parts.Profile;
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
        // what the smoke plan says it runs, one result per setting of each method...
        Plan plan = new Plan(Profile.smoke).withNativeIfAvailable(new PrintWriter(Writer.nullWriter()));
        Map<String, Long> expected = new HashMap<>();
        for (BenchSpec b : Parts.BENCHMARKS) {
            if (plan.benchmarks.contains(b.name)) {
                for (BenchSpec.JmhRun run : b.runs(plan)) {
                    run.methods().forEach(m -> expected.merge(b.benchmark.replace("Bench", "") + "." + m,
                            (long) BenchSpec.settings(run) / run.methods().size(), Long::sum));
                }
            }
        }
        // ...which, counted by hand: the reset, every strategy, both roles, each backend; splitcost, the claim's pair, polluted
        // and not; the workload, every strategy, reset on the collector (and its latency run) or on a thread of its own
        long backends = NativeRing.unavailable().isEmpty() ? 2 : 1;
        int strategies = Strategies.NAMES.size();
        assertEquals(2L * strategies * backends, expected.get("Reset.reset"));
        assertEquals(4L, expected.get("SplitCost.inlined"));
        assertEquals(2L * strategies, expected.get("RingWorkload.collector"));
        assertEquals((long) strategies, expected.get("RingWorkload.thread"));
        assertEquals(expected, perBenchmark);
        for (JmhResult x : results) {
            assertTrue(x.score() > 0 && Double.isFinite(x.score()), x.toString());
            assertEquals(1, x.record().forks(), "smoke: one fork");
            if (x.workload()) {
                assertEquals("1", x.param("vcpus"), "one vCPU thread in the smoke run");
                assertTrue(x.metric("recycled").orElseThrow().score() > 0, "entries were recycled: " + x);
                assertEquals(0.0, x.metric("stalePayloads").orElseThrow().score(), "no stale payload: " + x);
                assertEquals(0.0, x.metric("shortResets").orElseThrow().score(), "no short reset: " + x);
            } else {
                assertEquals("ns/op", x.unit());
            }
        }
        assertTrue(r.out().contains("against plain (margin ±2%)"), r.out());
        assertTrue(r.out().contains("inconclusive (one sample: no interval)"), "one sample decides nothing: " + r.out());
        assertTrue(r.out().contains("results: " + out), r.out());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no .part file left behind");
        } catch (IOException e) {
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

    /** The paired benchmark through micro: the verdict's own words, and the null pair said to be one. */
    @Test
    void thePairedBenchmarkRunsThroughMicroWithTheVerdictsWords() {
        Path out = dir.resolve("paired.json");
        CliTestSupport.Run r = CliTestSupport.run("micro", "--profile", "smoke", "--bench", "paired", "--strategy",
                "plain,acquire-load", "--backend", "jvm", "--ring-size", "4096", "--roles", "all", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<JmhResult> results = JmhResult.read(out);
        assertEquals(2, results.size());
        assertTrue(results.stream().allMatch(JmhResult::paired));
        assertTrue(r.out().contains("null pair: inconclusive"), r.out());
    }

    private static String jmh(String... args) {
        List<String> rest = new ArrayList<>(List.of("-jar", Home.benchmarksJar().toString()));
        rest.addAll(List.of(args));
        rest.addAll(List.of("-f", "1", "-wi", "0", "-i", "1", "-r", "100ms", "-foe", "true"));
        return String.join("\n", ChildProcess.of("raw JMH", Jvm.current().command(null, List.of(), rest))
                .limit(Duration.ofMinutes(2)).capture().run().output());
    }
}
