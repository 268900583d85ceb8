package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.LitmusRecord;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.RunFixtures;
import org.ringorder.evidence.StressRecord;
import org.ringorder.jni.Cpus;
import org.ringorder.jni.NativeRing;
import org.ringorder.kvm.Kvm;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.EnvProbe;
import org.ringorder.parts.Home;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * The user's workflow end to end on this machine: {@code run} (smoke profile: every part once),
 * then {@code plot}, {@code pick} and {@code compare} on what it wrote.
 */
class RunWorkflowTest {
    @TempDir
    static Path results;

    static Path runDir;
    static CliTestSupport.Run runOutput;
    static final boolean IN_C = NativeRing.unavailable().isEmpty();

    @BeforeAll
    static void runOnce() throws Exception {
        runOutput = CliTestSupport.run("run", "--profile", "smoke", "--out", results.toString());
        try (Stream<Path> dirs = Files.list(results)) {
            runDir = dirs.filter(p -> p.getFileName().toString().startsWith(EnvProbe.arch() + "-")).findFirst().orElse(null);
        }
    }

    @Test
    void runWritesASelfDescribingDirectory() throws Exception {
        assertEquals(0, runOutput.status(), runOutput.err());
        assertTrue(runDir.getFileName().toString().matches(EnvProbe.arch() + "-[a-z0-9-]+-jdk\\d+-\\d{8}-\\d{6}"), runDir.toString());
        assertTrue(runOutput.out().contains("report: " + runDir.resolve("report.html")), runOutput.out());
        try (Stream<Path> files = Files.list(results)) {
            assertEquals(List.of(runDir), files.toList(), "no hidden .part directory left behind");
        }
        List<JmhResult> rs = JmhResult.read(runDir.resolve("jmh.json"));
        long paired = rs.stream().filter(JmhResult::paired).count();
        // the null pairs and the claim on each backend, and the three other known-safe candidates on the JVM (one look each)
        assertEquals((IN_C ? 4 : 2) + 3, paired);
        // smoke's decision on the concurrent workload: its null pair and the claim on each backend (a CPU each for 2 threads)
        long concurrent = rs.stream().filter(JmhResult::concurrentPaired).count();
        assertEquals(Cpus.allowed().length >= 2 ? (IN_C ? 4 : 2) : 0, concurrent);
        // reset and harvest (6 strategies x 2 roles), bare scan, split cost (2 x 2 methods x 2 pollute), the workload's
        // three parts (6 each); the native backend: reset, harvest, bare scan again, and the JNI call alone
        assertEquals(12 + 12 + 6 + 8 + 6 * 3 + (IN_C ? 12 + 12 + 6 + 1 : 0), rs.size() - paired - concurrent);
        if (!IN_C) {
            assertTrue(runOutput.err().contains("native backend skipped: "), runOutput.err());
        }
        String csv = Files.readString(runDir.resolve("figures.csv"));
        long rows = rs.stream().mapToLong(r -> r.paired() ? 9 : r.concurrentPaired() ? 3 : r.workload() ? r.secondary().size() : 2).sum();
        assertEquals(rows + 1, csv.lines().count(), "a header, then one row per figure");
        assertTrue(rs.stream().filter(JmhResult::workload).allMatch(r -> r.metric("recycled").isPresent()));
        assertTrue(Files.size(runDir.resolve("jmh.log")) > 0);
    }

    @Test
    void theProgressCountsEveryPartAndTheTimeLeft() {
        String err = runOutput.err();
        int parts = (IN_C ? 17 : 13) + (Cpus.allowed().length >= 2 ? 2 : 0) + (Kvm.unavailable().isEmpty() ? 1 : 0);
        assertTrue(err.contains("part 1 of " + parts + ": null-pairs (plain against plain on the ordering points, jvm"), err);
        assertTrue(err.contains("null pair plain on jvm, look 1 of 1: inconclusive (one sample: no interval)"), "each look says what it found: " + err);
        for (String name : List.of("claim", "candidates", "concurrent-null-pairs", "concurrent-claim", "stress", "litmus", "asm")) {
            assertTrue(err.matches("(?s).*part \\d+ of " + parts + ": " + name + " \\(.*\\), about \\d+(m \\d+)?s left.*"), name + ": " + err);
        }
        assertTrue(err.contains("part " + parts + " of " + parts + ": "), "the last part is counted too: " + err);
    }

    @Test
    void theWorkloadsLatencyLogsAreHdrHistogramLogs() throws Exception {
        Path latency = runDir.resolve("latency");
        List<Path> logs;
        try (Stream<Path> files = Files.list(latency)) {
            logs = files.filter(f -> f.getFileName().toString().endsWith(".hlog")).sorted().toList();
        }
        assertEquals(6, logs.size(), "one log per strategy (placement collector, 1 vCPU, fork 1): " + logs);
        Path log = logs.get(0);
        assertTrue(log.getFileName().toString().matches(
                "workload-collector-strategy=[a-z-]+-ringSize=1024-roles=all-pattern=sequential-doorbell=strategy-vcpus=1-fork=1\\.hlog"),
                log.toString());
        Path out = results.resolve("processed");
        ChildProcess.Result r = ChildProcess.of("HistogramLogProcessor", Jvm.current().command(null, List.of(),
                List.of("-cp", Home.benchmarksJar().toString(), "org.HdrHistogram.HistogramLogProcessor", "-i", log.toString(),
                        "-o", out.toString(), "-tag", "reset-call"))).limit(Duration.ofSeconds(60)).capture().run();
        assertEquals(0, r.exitCode(), r.tail(5));
        String hgrm = Files.readString(Path.of(out + ".hgrm"));
        assertTrue(hgrm.contains("Value     Percentile TotalCount 1/(1-Percentile)"), hgrm);
        assertTrue(hgrm.contains("Total count"), hgrm);
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("id=\"latency\""));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/latency-reset-call-collector.png")));
    }

    @Test
    void theStressPartJudgesEveryStrategy() throws Exception {
        List<StressRecord> all = Run.load(runDir).stress();
        assertEquals(6, all.size());
        for (StressRecord r : all) {
            assertTrue(r.entriesChecked() > 0, r.toString());
            if (Safety.of(r.strategy()).safe()) {
                assertEquals(0, r.violations(), r.toString());
            }
        }
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("id=\"stress\""));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/violations.png")));
    }

    @Test
    void theLitmusPartRunsEveryStrategyOnEveryShape() throws Exception {
        List<LitmusRecord> tests = Run.load(runDir).litmus();
        // per strategy: 9 forms under roles all, 5 over Linux; and the kernel model's 2
        assertEquals(6 * (9 + 5) + 2, tests.size(), "every shape, form and roles");
        assertEquals(Set.of(Safety.Shape.values()).stream().map(Safety.Shape::id).collect(Collectors.toSet()),
                tests.stream().map(LitmusRecord::shape).collect(Collectors.toSet()));
        for (LitmusRecord t : tests) {
            if (t.ran()) {
                assertTrue(t.samples() > 0, t.toString());
                assertEquals("sanity", t.mode());
                if (Safety.expect(t.strategy(), Roles.byName(t.roles()), Safety.Shape.byId(t.shape())).forbidden()) {
                    assertEquals(0, t.badSamples(), t.toString());
                    assertTrue(t.held(), t.toString());
                }
            } else {
                assertFalse(t.held(), "a test that did not run did not hold: " + t);
                assertEquals(3, t.actors(), "only the three-actor form may be skipped: " + t);
                assertTrue(t.skipped().contains("CPUs"), t.toString());
            }
        }
        assertTrue(Files.isRegularFile(runDir.resolve("litmus/report/index.html")), "jcstress's report is kept");
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("id=\"litmus\""));
    }

    @Test
    void theAsmPartShowsEveryStrategysOrderingPoints() throws Exception {
        var rows = Run.load(runDir).asm();
        assertTrue(rows.stream().anyMatch(r -> r.arch().equals(EnvProbe.arch()) && r.backend().equals("jvm")
                && r.strategy().equals("acquire-load") && r.point().equals("observeDirty") && !r.instructions().isEmpty()), "asm rows");
        assertEquals(Strategies.NAMES.size(), rows.stream().map(r -> r.strategy()).distinct().count());
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("id=\"asm\""));
    }

    @Test
    void theKvmPartRunsEveryStrategyAgainstTheRealRing() throws Exception {
        var rows = Run.load(runDir).kvm();
        if (Kvm.unavailable().isPresent()) {
            assertTrue(rows.isEmpty());
            return;
        }
        assertEquals(Strategies.NAMES.size(), rows.size());
        rows.forEach(r -> assertEquals(0, r.lostPages(), r.toString()));
        String report = Files.readString(runDir.resolve("report.html"));
        assertTrue(report.contains("id=\"kvm\"") && report.contains("id=\"kvm-rule\""));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/kvm.png")));
    }

    @Test
    void envJsonSaysWhatRanWhereAndWhetherAndTheMachinesNoise() throws Exception {
        EnvRecord env = Run.load(runDir).env();
        assertEquals(Run.FORMAT_VERSION, env.formatVersion());
        assertTrue(env.completed());
        assertEquals("smoke", env.profile());
        assertTrue(env.end() != null && env.gitCommit() != null && env.arch() != null && env.cpu() != null && env.kernel() != null);
        EnvRecord.JvmInfo jvm = env.jvm();
        assertTrue(jvm.home() != null && jvm.feature() > 0 && jvm.vendor() != null && jvm.version() != null && jvm.vm() != null);
        assertTrue(env.cores().online() >= 1);
        if (Files.exists(Path.of("/dev/kvm"))) {
            assertTrue(env.kvm().present());
        }
        assertTrue(env.noise().jvmNullPair() != null, "the null pair's result is on record");
        assertEquals(IN_C, env.noise().nativeNullPair() != null);
        assertTrue(env.noise().stealPercent() != null && env.noise().loadAverageStart().size() == 3);
        assertEquals(2.0, env.design().marginPercent());
        assertEquals(95.0, env.design().confidencePercent());
        EnvRecord.Sequence claim = env.design().sequence("acquire-load", "jvm").orElseThrow();
        assertEquals(1, claim.firstLookForks(), "smoke measures nothing: one fork");
        assertEquals(List.of(1), claim.plannedLooks());
        assertEquals("claim", claim.role());
        assertEquals("the planned forks were spent", claim.stop());
        assertEquals(0.5, env.design().resolutionPercent());
        assertEquals("Lan-DeMets O'Brien-Fleming", env.design().spending());
    }

    @Test
    void chartsArePngAndSvg() throws Exception {
        for (String name : List.of("cost", "relative")) {
            BufferedImage img = ImageIO.read(runDir.resolve("charts/" + name + ".png").toFile());
            assertEquals(900, img.getWidth());
            assertTrue(Files.readString(runDir.resolve("charts/" + name + ".svg")).contains("</svg>"));
        }
        String report = Files.readString(runDir.resolve("report.html"));
        assertTrue(report.contains("id=\"verdict\"") && report.contains("id=\"env\"") && report.contains("How to reproduce"));
        assertFalse(report.contains("id=\"incomplete\""));
    }

    @Test
    void plotDrawsTheRunAgain() throws Exception {
        Files.delete(runDir.resolve("charts/cost.png"));
        CliTestSupport.Run r = CliTestSupport.run("plot", runDir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isRegularFile(runDir.resolve("charts/cost.png")));
        assertFalse(r.out().contains("incomplete"));
    }

    @Test
    void pickOnASmokeRunNeverCallsAnythingFree() {
        // smoke runs one fork of one iteration: the pick has a flag, but no claim can be decided
        CliTestSupport.Run r = CliTestSupport.run("pick", runDir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Safety.of(r.out().lines().findFirst().orElseThrow()).safe(), r.out());
        List<String> claims = r.out().lines().filter(l -> l.startsWith("claim: ") && !l.contains("read under QEMU: no timing"))
                .toList(); // the timed claims; arm64's instruction lines, where asm read it, are no verdicts
        assertEquals(IN_C ? 2 : 1, claims.size(), r.out());
        claims.forEach(c -> assertTrue(c.contains(": inconclusive (one sample: no interval)"), c));
    }

    @Test
    void pickPrintsASafeFlagFirstWithEvidenceAndTheClaim() throws Exception {
        List<RunFixtures.Pair> pairs = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            pairs.add(new RunFixtures.Pair(s, s.equals("plain") ? 1 : 2 + Strategies.NAMES.indexOf(s), 0.01, 2.5, "jvm"));
        }
        Path run = RunFixtures.write(results.resolve("fixture"), "aarch64", true, Run.FORMAT_VERSION, List.of(), pairs);
        CliTestSupport.Run r = CliTestSupport.run("pick", run.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("volatile", lines.get(0), "plain is cheapest but unsafe; opaque unsafe; volatile is next");
        assertTrue(lines.get(1).startsWith("evidence: aarch64 Test CPU, JDK 17 (" + run + "): plain 2.500 (95% CI"), lines.get(1));
        assertTrue(lines.get(2).startsWith("claim: acquire-load on aarch64, JDK 17: costs +400.0% (95% CI"), lines.get(2));
        assertTrue(lines.get(lines.size() - 1).startsWith("why: the known-safe strategy with the smallest"), r.out());
    }

    @Test
    void compareWritesOneReportAcrossRuns() throws Exception {
        Path other = results.resolve("other-run");
        Path cmpOut = Files.createDirectories(results.resolve("cmp"));
        copy(runDir, other);
        EnvRecord e = Run.load(other).env();
        Run.writeEnv(other, new EnvRecord(e.formatVersion(), e.ringorderVersion(), e.gitCommit(), e.profile(), e.start(), e.end(),
                e.completed(), "aarch64", e.cpu(), e.cores(), e.kernel(), e.os(), e.governor(), e.jvm(), e.hsdis(), e.perf(), e.kvm(),
                e.pinnedCpus(), e.emulated(), e.noise(), e.design()));
        CliTestSupport.Run r = CliTestSupport.run("compare", runDir.toString(), other.toString(), "--out", cmpOut.toString());
        assertEquals(0, r.status(), r.err());
        Path cmp;
        try (Stream<Path> dirs = Files.list(cmpOut)) {
            cmp = dirs.findFirst().orElseThrow();
        }
        assertTrue(cmp.getFileName().toString().startsWith("compare-"));
        assertTrue(Files.isRegularFile(cmp.resolve("charts/compare-relative.png")));
        String report = Files.readString(cmp.resolve("report.html"));
        assertTrue(report.contains("aarch64 ") && report.contains(EnvProbe.arch() + " "), "both machines in the report");
        assertTrue(r.out().contains("report: " + cmp.resolve("report.html")), r.out());
    }

    @Test
    void pickAndCompareStillReadARunOfFormatVersionOne() throws Exception {
        Path v1 = Home.dir().resolve("evidence/src/test/resources/format-v1-run");
        CliTestSupport.Run pick = CliTestSupport.run("pick", v1.toString());
        assertEquals(0, pick.status(), pick.err());
        assertTrue(pick.out().contains("warning: ") && pick.out().contains("results-format 1"), pick.out());
        Path cmpOut = Files.createDirectories(results.resolve("cmp-v1"));
        CliTestSupport.Run cmp = CliTestSupport.run("compare", v1.toString(), runDir.toString(), "--out", cmpOut.toString());
        assertEquals(0, cmp.status(), cmp.err());
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
