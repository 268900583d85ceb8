package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.results.JmhResult;
import org.ringorder.results.Run;
import org.ringorder.results.RunFixtures;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * The user's workflow end to end on this machine: {@code run} (smoke profile: every benchmark
 * once), then {@code plot}, {@code pick} and {@code compare} on what it wrote.
 */
class RunWorkflowTest {
    @TempDir
    static Path results;

    static Path runDir;
    static CliTestSupport.Run runOutput;

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
        assertTrue(runOutput.err().matches("(?s).*part 1 of \\d+: reset.*") && runOutput.err().contains("left"), runOutput.err());
        assertTrue(runOutput.out().contains("report: " + runDir.resolve("report.html")), runOutput.out());
        try (Stream<Path> files = Files.list(results)) {
            assertEquals(List.of(runDir), files.toList(), "no hidden .part directory left behind");
        }
        List<JmhResult> rs = JmhResult.read(runDir.resolve("jmh.json"));
        // reset, harvest (6 strategies x 2 roles), bare scan, split cost, each workload part: 6 strategies;
        // the native backend: reset, harvest, bare scan again, and the JNI call alone
        boolean inC = org.ringorder.jni.NativeRing.unavailable().isEmpty();
        assertEquals(12 + 12 + 6 + 8 + 6 + 6 + 6 + (inC ? 12 + 12 + 6 + 1 : 0), rs.size());
        assertEquals(inC ? 12 + 12 + 6 : 0, rs.stream().filter(r -> r.param("backend").equals("native")).count());
        if (!inC) {
            assertTrue(runOutput.err().contains("native backend skipped: "), runOutput.err());
        }
        String csv = Files.readString(runDir.resolve("figures.csv"));
        long rows = rs.stream().mapToLong(r -> r.workload() ? r.secondary().size() : 2).sum();
        assertEquals(rows + 1, csv.lines().count(), "a header, then one row per figure");
        assertTrue(rs.stream().filter(JmhResult::workload).allMatch(r -> r.metric("recycled").isPresent()));
        assertTrue(Files.size(runDir.resolve("jmh.log")) > 0);
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
        Jvm jvm = Jvm.current();
        Process p = new ProcessBuilder(jvm.java.toString(), "-cp", Home.benchmarksJar().toString(),
                "org.HdrHistogram.HistogramLogProcessor", "-i", log.toString(), "-o", out.toString(), "-tag", "reset-call")
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), said);
        String hgrm = Files.readString(Path.of(out + ".hgrm"));
        assertTrue(hgrm.contains("Value     Percentile TotalCount 1/(1-Percentile)"), hgrm);
        assertTrue(hgrm.contains("Total count"), hgrm);
        assertTrue(Files.size(out) > 0, "the interval summary");
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("id=\"latency\""));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/latency-reset-call-collector.png")));
    }

    @Test
    void theStressPartJudgesEveryStrategy() throws Exception {
        String stress = Files.readString(runDir.resolve("stress.json"));
        var all = JsonParser.parseString(stress).getAsJsonArray();
        assertEquals(6, all.size());
        for (var e : all) {
            JsonObject r = e.getAsJsonObject();
            assertTrue(r.get("entriesChecked").getAsLong() > 0, r.toString());
            if (Safety.of(r.get("strategy").getAsString()).safe()) {
                assertEquals(0, r.get("violations").getAsLong(), r.toString());
            }
        }
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("id=\"stress\""));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/violations.png")));
    }

    @Test
    void theLitmusPartRunsEveryStrategyOnEveryShape() throws Exception {
        var tests = Run.load(runDir).litmus();
        assertEquals(6 * 4, tests.size(), "six strategies, four tests each");
        for (JsonObject t : tests) {
            if (t.get("ran").getAsBoolean()) {
                assertTrue(t.get("samples").getAsLong() > 0, t.toString());
                assertEquals("sanity", t.get("mode").getAsString());
                if (Safety.of(t.get("strategy").getAsString()).safe()) {
                    assertEquals(0, t.get("badSamples").getAsLong(), t.toString());
                    assertTrue(t.get("held").getAsBoolean(), t.toString());
                }
            } else {
                assertEquals(3, t.get("actors").getAsInt(), "only the three-actor form may be skipped: " + t);
                assertTrue(t.get("skipped").getAsString().contains("CPUs"), t.toString());
            }
        }
        assertTrue(Files.isRegularFile(runDir.resolve("litmus/report/index.html")), "jcstress's report is kept");
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("id=\"litmus\""));
    }

    @Test
    void theAsmPartShowsEveryStrategysOrderingPoints() throws Exception {
        var rows = Run.load(runDir).asm();
        assertTrue(rows.stream().anyMatch(r -> r.get("arch").getAsString().equals(EnvProbe.arch())
                && r.get("backend").getAsString().equals("jvm") && r.get("strategy").getAsString().equals("acquire-load")
                && r.get("point").getAsString().equals("observeDirty") && !r.getAsJsonArray("instructions").isEmpty()), "asm rows");
        assertEquals(Strategies.NAMES.size(), rows.stream().map(r -> r.get("strategy").getAsString()).distinct().count());
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("id=\"asm\""));
    }

    @Test
    void theKvmPartRunsEveryStrategyAgainstTheRealRing() throws Exception {
        var rows = Run.load(runDir).kvm();
        if (org.ringorder.jni.Kvm.unavailable().isPresent()) {
            assertTrue(rows.isEmpty());
            assertTrue(runOutput.err().contains("kvm backend skipped: "), runOutput.err());
            return;
        }
        assertEquals(Strategies.NAMES.size(), rows.size());
        rows.forEach(r -> assertEquals(0, r.get("lostPages").getAsLong(), r.toString()));
        String report = Files.readString(runDir.resolve("report.html"));
        assertTrue(report.contains("id=\"kvm\"") && report.contains("id=\"kvm-rule\""));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/kvm.png")));
    }

    @Test
    void envJsonSaysWhatRanWhereAndWhether() throws Exception {
        JsonObject env = JsonParser.parseString(Files.readString(runDir.resolve("env.json"))).getAsJsonObject();
        for (String key : List.of("formatVersion", "ringorderVersion", "gitCommit", "profile", "start", "end", "completed",
                "arch", "cpu", "cores", "kernel", "os", "governor", "jvm", "hsdis", "perf", "kvm")) {
            assertTrue(env.has(key), "env.json has " + key);
        }
        assertEquals(Run.FORMAT_VERSION, env.get("formatVersion").getAsInt());
        assertTrue(env.get("completed").getAsBoolean());
        assertEquals("smoke", env.get("profile").getAsString());
        JsonObject jvm = env.getAsJsonObject("jvm");
        for (String key : List.of("home", "feature", "vendor", "version", "vm", "flags")) {
            assertTrue(jvm.has(key) && !jvm.get(key).isJsonNull(), "jvm." + key);
        }
        assertTrue(env.getAsJsonObject("cores").get("online").getAsInt() >= 1);
        if (Files.exists(Path.of("/dev/kvm"))) {
            assertTrue(env.getAsJsonObject("kvm").get("present").getAsBoolean());
        }
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
    void pickNeedsTheFiguresItsRuleNames() {
        // the smoke profile measures 1024 entries only; the rule compares at 4096, vcpus 1
        CliTestSupport.Run r = CliTestSupport.run("pick", runDir.toString());
        assertEquals(1, r.status(), r.out());
        assertEquals("ringorder: no strategy can be picked: no run has harvest and reset figures at ringSize 4096, "
                + "vcpus 1, roles all for a known-safe strategy", r.err().strip());
    }

    @Test
    void pickPrintsASafeFlagFirstWithEvidenceAndTheClaim() throws Exception {
        List<RunFixtures.Row> rows = new java.util.ArrayList<>();
        for (String s : Strategies.NAMES) {
            double base = s.equals("plain") ? 0.5 : 1 + Strategies.NAMES.indexOf(s);
            rows.add(new RunFixtures.Row("Reset", s, 4096, 1, base * 3, 0.05));
            rows.add(new RunFixtures.Row("Harvest", s, 4096, 1, base * 2, 0.05));
        }
        Path run = RunFixtures.write(results.resolve("fixture"), "aarch64", true, Run.FORMAT_VERSION,
                rows.toArray(RunFixtures.Row[]::new));
        CliTestSupport.Run r = CliTestSupport.run("pick", run.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("volatile", lines.get(0), "plain is cheapest but unsafe; opaque unsafe; volatile is next");
        assertTrue(Safety.of(lines.get(0)).safe());
        assertTrue(lines.get(1).startsWith("evidence: aarch64 Test CPU, JDK 17 (" + run + "): plain 2.500 ± 0.071 [unsafe]"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("claim: acquire-load on aarch64, JDK 17: +700.0% ("), lines.get(2));
        assertTrue(lines.get(2).endsWith("): not free"), lines.get(2));
    }

    @Test
    void compareWritesOneReportAcrossRuns() throws Exception {
        Path other = results.resolve("other-run");
        Path cmpOut = Files.createDirectories(results.resolve("cmp"));
        copy(runDir, other);
        String env = Files.readString(other.resolve("env.json")).replace("\"arch\": \"" + EnvProbe.arch() + "\"", "\"arch\": \"aarch64\"");
        Files.writeString(other.resolve("env.json"), env);
        CliTestSupport.Run r = CliTestSupport.run("compare", runDir.toString(), other.toString(), "--out", cmpOut.toString());
        assertEquals(0, r.status(), r.err());
        Path cmp;
        try (Stream<Path> dirs = Files.list(cmpOut)) {
            cmp = dirs.findFirst().orElseThrow();
        }
        assertTrue(cmp.getFileName().toString().startsWith("compare-"));
        assertTrue(Files.isRegularFile(cmp.resolve("charts/compare-reset.png")));
        String report = Files.readString(cmp.resolve("report.html"));
        assertTrue(report.contains("aarch64 ") && report.contains(EnvProbe.arch() + " "), "both machines in the report");
        assertTrue(r.out().contains("report: " + cmp.resolve("report.html")), r.out());
    }

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}
