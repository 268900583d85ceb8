package org.ringorder.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickTest {
    @TempDir
    Path dir;

    private static Map<String, double[]> costs(double plain, double opaque, double vol, double acq, double full, double batched) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("plain", new double[] {plain, plain});
        m.put("opaque", new double[] {opaque, opaque});
        m.put("volatile", new double[] {vol, vol});
        m.put("acquire-load", new double[] {acq, acq});
        m.put("full-fence", new double[] {full, full});
        m.put("batched-fence", new double[] {batched, batched});
        return m;
    }

    private Run run(String name, String arch, Map<String, double[]> c) throws Exception {
        return Run.load(RunFixtures.write(dir.resolve(name), arch, true, Run.FORMAT_VERSION, RunFixtures.costs(c, 0.01)));
    }

    @Test
    void theCheapestKnownSafeStrategyWinsNeverPlainOrOpaque() throws Exception {
        Run x86 = run("x86", "x86_64", costs(1.0, 1.01, 5, 1.2, 9, 1.3));
        Pick.Result r = Pick.pick(List.of(x86));
        assertEquals("acquire-load", r.flag().orElseThrow());
        assertEquals(1, r.evidence().size());
        String line = r.evidence().get(0).line();
        assertTrue(line.contains("plain 2.000 ± 0.") && line.contains("[unsafe]"), line);
        assertTrue(line.contains("acquire-load 2.400 ± 0.") && line.contains("[picked]"), line);
    }

    @Test
    void withSeveralRunsTheSmallestWorstCaseWins() throws Exception {
        // acquire-load is cheapest on x86 but 3x the best on arm; batched-fence is never more than 1.25x the best.
        Run x86 = run("x86", "x86_64", costs(1, 1, 5, 1.0, 9, 1.25));
        Run arm = run("arm", "aarch64", costs(1, 1, 2, 3.0, 4, 1.0));
        assertEquals("batched-fence", Pick.pick(List.of(x86, arm)).flag().orElseThrow());
        assertEquals("acquire-load", Pick.pick(List.of(x86)).flag().orElseThrow());
    }

    @Test
    void theClaimIsFreeWhenTheIntervalHoldsOneOrStaysWithinTwoPercent() throws Exception {
        Run same = run("same", "x86_64", costs(1.0, 1, 5, 1.005, 9, 1.3));
        assertTrue(Pick.pick(List.of(same)).claims().get(0).endsWith(": free"), Pick.pick(List.of(same)).claims().get(0));
        Run dear = run("dear", "aarch64", costs(1.0, 1, 5, 1.62, 9, 1.3));
        String claim = Pick.pick(List.of(dear)).claims().get(0);
        assertTrue(claim.startsWith("acquire-load on aarch64, JDK 17: +62.0% (") && claim.endsWith("): not free"), claim);
    }

    @Test
    void aStrategyThatLostPagesInTheStressPartIsNeverPicked() throws Exception {
        Run x86 = run("x86", "x86_64", costs(1.0, 1.01, 5, 1.2, 9, 1.3));
        java.nio.file.Files.writeString(x86.dir().resolve(Run.STRESS), "[{\"strategy\": \"acquire-load\", \"roles\": \"all\","
                + " \"vcpus\": 1, \"millis\": 1000, \"entriesChecked\": 10, \"stalePayloads\": 1, \"shortResets\": 0,"
                + " \"overwrites\": 0, \"lostPages\": 0, \"violations\": 1}]");
        Pick.Result r = Pick.pick(List.of(x86));
        assertEquals("batched-fence", r.flag().orElseThrow());
        assertTrue(r.evidence().get(0).line().contains("acquire-load 2.400 ± 0.017 [violations seen]"), r.evidence().get(0).line());
    }

    @Test
    void aRunWithoutTheSettingIsNotUsed() throws Exception {
        Run none = Run.load(RunFixtures.write(dir.resolve("none"), "x86_64", true, 1,
                new RunFixtures.Row("BareScan", "plain", 4096, 1, 0.6, 0.01)));
        Pick.Result r = Pick.pick(List.of(none));
        assertTrue(r.flag().isEmpty());
        assertTrue(r.evidence().get(0).line().endsWith("not used"), r.evidence().get(0).line());
    }

    @Test
    void runsOfDifferentFormatVersionsAreNotComparable() throws Exception {
        Run a = run("a", "x86_64", costs(1, 1, 5, 1.2, 9, 1.3));
        Run b = Run.load(RunFixtures.write(dir.resolve("b"), "aarch64", true, 99, RunFixtures.costs(costs(1, 1, 5, 1.2, 9, 1.3), 0.01)));
        UserError e = assertThrows(UserError.class, () -> Run.checkComparable(List.of(a, b)));
        assertTrue(e.getMessage().startsWith("runs of different results-format versions cannot be compared"), e.getMessage());
    }

    @Test
    void estimatesPropagateErrorsInQuadrature() {
        Estimate a = new Estimate(2, 0.03);
        Estimate b = new Estimate(1, 0.04);
        assertEquals(0.05, a.plus(b).error(), 1e-12);
        Estimate r = a.over(b);
        assertEquals(2.0, r.value(), 1e-12);
        assertEquals(2.0 * Math.hypot(0.015, 0.04), r.error(), 1e-12);
    }
}
