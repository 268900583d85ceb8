package org.ringorder.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.RunFixtures;
import org.ringorder.evidence.Standing;
import org.ringorder.evidence.StressRecord;
import org.ringorder.strategy.Strategies;

class ChartsTest {
    @TempDir
    Path dir;

    private Path sweepRun(String name, String arch) throws Exception {
        List<RunFixtures.Row> rows = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            double base = 1 + Strategies.NAMES.indexOf(s);
            for (int size : new int[] {1024, 4096, 16384}) {
                for (int vcpus : new int[] {1, 8}) {
                    rows.add(new RunFixtures.Row("Reset", s, size, vcpus, base * 3, 0.05));
                    rows.add(new RunFixtures.Row("Harvest", s, size, vcpus, base * 2, 0.05));
                }
                rows.add(new RunFixtures.Row("BareScan", s, size, 1, base, 0.01));
            }
        }
        return RunFixtures.write(dir.resolve(name), arch, true, Run.FORMAT_VERSION, rows.toArray(RunFixtures.Row[]::new));
    }

    private Path pairedRun(String name) throws Exception {
        List<RunFixtures.Pair> pairs = new ArrayList<>();
        for (String s : List.of("plain", "volatile", "acquire-load", "full-fence", "batched-fence")) {
            pairs.add(new RunFixtures.Pair(s, 1 + Strategies.NAMES.indexOf(s) * 0.1, 0.01, 5.0, "jvm"));
        }
        pairs.add(new RunFixtures.Pair("plain", 1.0, 0.002, 4.0, "native"));
        pairs.add(new RunFixtures.Pair("acquire-load", 1.0, 0.002, 4.0, "native"));
        return RunFixtures.write(dir.resolve(name), "x86_64", true, Run.FORMAT_VERSION, List.of(), pairs);
    }

    @Test
    void aRunOfIndependentForksGetsCostRelativeAndSweepChartsAsPngAndSvg() throws Exception {
        Run run = Run.load(sweepRun("r", "x86_64"));
        Drawing.run(run, Pick.Rule.DEFAULT);
        List<String> names = new ArrayList<>();
        for (Chart c : Drawing.charts(run, Pick.pick(List.of(run)), Pick.Rule.DEFAULT)) {
            names.add(c.name());
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(run.dir().resolve("charts/" + c.name() + ".png"))));
            assertEquals(ChartFiles.WIDTH, img.getWidth());
            assertEquals(ChartFiles.HEIGHT, img.getHeight());
            String svg = Files.readString(run.dir().resolve("charts/" + c.name() + ".svg"));
            assertTrue(svg.startsWith("<svg") && svg.contains("</svg>"), c.name());
            assertTrue(svg.contains(c.title()), "the SVG carries its title: " + c.name());
        }
        assertEquals(List.of("claim", "claim-levels", "cost", "relative", "ringSize-reset", "ringSize-harvest", "ringSize-barescan",
                "vcpus-reset", "vcpus-harvest"), names);
        String report = Files.readString(run.dir().resolve("report.html"));
        assertTrue(report.contains("id=\"verdict\"") && report.contains("id=\"pick\""));
        assertEquals(names.size(), report.split("data:image/png;base64,", -1).length - 1);
        assertTrue(Files.readString(run.dir().resolve("figures.csv"))
                .startsWith("benchmark,strategy,layout,pattern,ringSize,roles,vcpus,metric,unit,value,low_95,high_95,forks,basis\n"));
    }

    @Test
    void aPairedRunDrawsAPointPerForkBesideEachBar() throws Exception {
        Run run = Run.load(pairedRun("p"));
        List<Chart> charts = Drawing.charts(run, Pick.pick(List.of(run)), Pick.Rule.DEFAULT);
        assertEquals(List.of("claim", "claim-levels", "cost", "relative", "backends", "jvm-over-native"),
                charts.stream().map(Chart::name).toList());
        CategoryPlot relative = (CategoryPlot) charts.get(3).chart().getPlot();
        DefaultMultiValueCategoryDataset points = (DefaultMultiValueCategoryDataset) relative.getDataset(1);
        assertEquals(5, points.getValues("acquire-load", "harvest + reset (JVM)").size(), "one point per fork");
        assertEquals(5, points.getValues("plain", "harvest + reset (JVM)").size(), "plain's bar is the null pair");
        assertTrue(relative.getRangeMarkers(Layer.FOREGROUND) != null
                || relative.getRangeMarkers(Layer.BACKGROUND) != null, "the line at 1.0");
        Drawing.run(run, Pick.Rule.DEFAULT);
        String report = Files.readString(run.dir().resolve("report.html"));
        assertTrue(report.contains("costs +30.0% (95% CI"), "the verdict words are in the table");
        assertTrue(report.contains("paired with plain in the same forks"));
    }

    @Test
    void aComparisonGetsCostAndRelativeByMachine() throws Exception {
        Run a = Run.load(sweepRun("a", "x86_64"));
        Run b = Run.load(pairedRun("b"));
        Path out = Files.createDirectory(dir.resolve("cmp"));
        Drawing.comparison(List.of(a, b), Pick.pick(List.of(a, b)), out, Pick.Rule.DEFAULT);
        for (String n : List.of("claim", "compare-cost", "compare-relative")) {
            assertTrue(Files.isRegularFile(out.resolve("charts/" + n + ".png")), n);
            assertTrue(Files.isRegularFile(out.resolve("charts/" + n + ".svg")), n);
        }
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("acquire-load on x86_64, JDK 17"), report);
        assertTrue(report.contains("<b>claim at three levels in " + b.label() + " (the flag&#39;s rule uses the first alone"), report);
        assertTrue(report.indexOf("id=\"chart-claim\"") < report.indexOf("<h2>Verdict</h2>"), "the claim chart comes first");
    }

    @Test
    void theClaimChartDrawsEachClaimAgainstTheMarginBandWithItsWord() throws Exception {
        Run run = Run.load(pairedRun("claim"));
        Chart claim = Drawing.charts(run, Pick.pick(List.of(run)), Pick.Rule.DEFAULT).get(0);
        org.jfree.chart.plot.XYPlot plot = (org.jfree.chart.plot.XYPlot) claim.chart().getPlot();
        assertEquals(2, plot.getDataset().getItemCount(0), "the JVM's claim and C's");
        org.jfree.chart.plot.IntervalMarker band = null;
        for (Object m : plot.getDomainMarkers(Layer.BACKGROUND)) {
            if (m instanceof org.jfree.chart.plot.IntervalMarker i) {
                band = i;
            }
        }
        assertTrue(band != null, "the margin band");
        assertEquals(-2.0, band.getStartValue(), 1e-9);
        assertEquals(2.0, band.getEndValue(), 1e-9);
        List<String> words = plot.getAnnotations().stream().map(a -> ((org.jfree.chart.annotations.XYTextAnnotation) a).getText()).toList();
        assertTrue(words.stream().anyMatch(w -> w.startsWith("costs +30.0%; not zero: +")), words.toString());
        assertTrue(words.stream().anyMatch(w -> w.startsWith("free +0.0%; zero not excluded")), words.toString());
        Drawing.run(run, Pick.Rule.DEFAULT);
        String report = Files.readString(run.dir().resolve("report.html"));
        assertTrue(report.indexOf("id=\"chart-claim\"") < report.indexOf("<h2>Verdict</h2>"), "the claim chart opens the report");
        assertEquals(1, report.split("id=\"chart-claim\"", -1).length - 1, "drawn once");
    }

    /** A run with the ordering points on both backends, the concurrent pairing on the JVM, and plain's ring on a real /dev/kvm. */
    private Path levelsRun(String name) throws Exception {
        EnvRecord.KvmInfo real = new EnvRecord.KvmInfo(true, true, List.of("kvm_amd"), "kvm_amd", null);
        return RunFixtures.write(dir.resolve(name), RunFixtures.env("x86_64", true, real, null, null),
                List.of(new RunFixtures.Pair("plain", 1.0, 0.002, 5.0, "jvm"), new RunFixtures.Pair("acquire-load", 1.014, 0.002, 5.0, "jvm"),
                        new RunFixtures.Pair("plain", 1.0, 0.002, 4.0, "native"),
                        new RunFixtures.Pair("acquire-load", 1.02, 0.002, 4.0, "native")),
                List.of(new RunFixtures.Concurrent("acquire-load", 1.004, 0.002, 40.0, "jvm", 1),
                        new RunFixtures.Concurrent("plain", 1.0, 0.002, 40.0, "jvm", 1)),
                List.of(RunFixtures.kvmRing("plain", 400_000, null)));
    }

    @Test
    void theReportOpensWithTheClaimAtThreeLevelsAndItsChartBesideTheClaimChart() throws Exception {
        Run run = Run.load(levelsRun("levels"));
        Pick.Result pick = Pick.pick(List.of(run));
        Drawing.run(run, pick, Pick.Rule.DEFAULT);
        for (String f : List.of("charts/claim-levels.png", "charts/claim-levels.svg")) {
            assertTrue(Files.isRegularFile(run.dir().resolve(f)), f);
        }
        String report = Files.readString(run.dir().resolve("report.html"));
        int levels = report.indexOf("id=\"levels\"");
        assertTrue(levels > 0 && levels < report.indexOf("id=\"chart-claim\"") && levels < report.indexOf("<h2>Verdict</h2>"),
                "the three levels open the report");
        assertTrue(report.indexOf("id=\"chart-claim-levels\"") < report.indexOf("<h2>Verdict</h2>"), "beside the claim chart, at the top");
        assertEquals(1, report.split("id=\"chart-claim-levels\"", -1).length - 1, "drawn once");
        String top = report.substring(levels, report.indexOf("</div>", levels));
        assertTrue(top.contains("<b>claim at three levels (the flag&#39;s rule uses the first alone; the others are context)</b>"), top);
        for (String line : pick.levels(run).orElseThrow().texts()) {
            assertTrue(top.contains("<li>" + escaped(line) + "</li>"), line);
        }
        assertTrue(top.contains("<li>ordering points, JVM (JDK 17): free: +1.4%"), top);
        assertTrue(top.contains("<li>concurrent workload, 1 vCPU + collector, JVM (JDK 17): free: +0.4%"), top);
        assertTrue(top.contains("<li>real kernel path, C (gcc): acquire-load - plain +0.080 ns per entry"), top);
        assertTrue(report.contains("<td>ConcurrentPaired.pair</td><td>acquire-load</td>") && report.contains(" ns/entry recycled; over plain: "),
                "every figure: the concurrent pairing as a pairing");
    }

    @Test
    void theLevelsChartDrawsEachLevelAgainstTheMarginAndAnEmptySlotWhereNotMeasured() throws Exception {
        Path p = levelsRun("slots");
        EnvRecord.KvmInfo none = new EnvRecord.KvmInfo(false, null, null, null, "no /dev/kvm");
        Run.writeEnv(p, RunFixtures.env("x86_64", true, none, null, null));
        java.nio.file.Files.delete(p.resolve(Run.KVM.file()));
        Run run = Run.load(p);
        Chart chart = Drawing.charts(run, Pick.pick(List.of(run)), Pick.Rule.DEFAULT).get(1);
        assertEquals("claim-levels", chart.name());
        org.jfree.chart.plot.CombinedDomainXYPlot plot = (org.jfree.chart.plot.CombinedDomainXYPlot) chart.chart().getPlot();
        List<org.jfree.chart.plot.XYPlot> panels = plot.getSubplots();
        assertEquals(3, panels.size(), "a panel per level");
        assertEquals(2, panels.get(0).getDataset().getItemCount(0), "the ordering points: JVM and C");
        assertEquals(1, panels.get(1).getDataset().getItemCount(0), "the concurrent workload on the JVM; C not measured");
        assertEquals(0, panels.get(2).getDataset().getItemCount(0), "the real kernel path: an empty slot");
        for (org.jfree.chart.plot.XYPlot panel : panels) {
            assertTrue(panel.getDomainMarkers(Layer.BACKGROUND).stream().anyMatch(m -> m instanceof org.jfree.chart.plot.IntervalMarker i
                    && i.getStartValue() == -2.0 && i.getEndValue() == 2.0), "the margin band in every panel");
        }
        List<String> kernel = panels.get(2).getAnnotations().stream()
                .map(a -> ((org.jfree.chart.annotations.XYTextAnnotation) a).getText()).toList();
        assertEquals(List.of("not measured"), kernel);
        assertEquals("3. real kernel path", panels.get(2).getRangeAxis().getLabel());
    }

    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;")
                .replace("=", "&#61;");
    }

    @Test
    void theReportAndPickAgreeOnEveryStandingWhenStressCaughtAKnownSafeStrategy() throws Exception {
        Path p = pairedRun("caught");
        Run.write(p, Run.STRESS, List.of(new StressRecord("volatile", "all", 1, 1024, 64, "random", 1000, 10, 10, 1, 0, 0, 0, 1)));
        Run run = Run.load(p);
        Pick.Result pick = Pick.pick(List.of(run));
        assertEquals(Standing.Kind.SEEN_FAILING, pick.standing("volatile").kind());
        Drawing.run(run, Pick.Rule.DEFAULT);
        String report = Files.readString(p.resolve("report.html"));
        for (String s : Strategies.NAMES) {
            int row = report.indexOf("<tr><td>" + s + "</td>", report.indexOf("id=\"verdict\""));
            String cells = report.substring(row, report.indexOf("</tr>", row));
            String last = cells.substring(cells.lastIndexOf("<td>") + 4, cells.lastIndexOf("</td>"));
            assertEquals(pick.standing(s).words().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\"", "&quot;").replace("'", "&#39;").replace("=", "&#61;"), last, s);
        }
        assertTrue(report.contains("<td>excluded: seen failing (stress 1 violations"), report);
    }

    @Test
    void anIncompleteRunSaysSoInItsReport() throws Exception {
        Path p = RunFixtures.write(dir.resolve("cut"), "x86_64", false, Run.FORMAT_VERSION,
                new RunFixtures.Row("Reset", "plain", 4096, 1, 3, 0.1));
        Drawing.run(Run.load(p), Pick.Rule.DEFAULT);
        assertTrue(Files.readString(p.resolve("report.html")).contains("id=\"incomplete\""));
    }

    @Test
    void anEmulatedRunDrawsNoTimingAndSaysWhatEmulationCannotShow() throws Exception {
        Path p = pairedRun("emu");
        EnvRecord e = RunFixtures.env("aarch64", true, Run.FORMAT_VERSION);
        Run.writeEnv(p, new EnvRecord(e.formatVersion(), e.ringorderVersion(), e.gitCommit(), e.profile(), e.start(), e.end(), true,
                "aarch64", e.cpu(), e.cores(), e.kernel(), e.os(), e.governor(), e.jvm(), null, null, null, null,
                "qemu-system-aarch64 (TCG)", null, null));
        Run run = Run.load(p);
        assertTrue(Drawing.charts(run, Pick.pick(List.of(run)), Pick.Rule.DEFAULT).isEmpty());
        Drawing.run(run, Pick.Rule.DEFAULT);
        String report = Files.readString(p.resolve("report.html"));
        assertTrue(report.contains("Timings under emulation (qemu-system-aarch64 (TCG)): not used."), report);
        assertTrue(report.contains("the guest sees at most x86's ordering"));
        assertFalse(report.contains("data:image/png"));
    }

    @Test
    void theTemplateEscapesWhatItShows() throws Exception {
        Path p = pairedRun("esc");
        EnvRecord e = RunFixtures.env("x86_64", true, Run.FORMAT_VERSION);
        Run.writeEnv(p, new EnvRecord(e.formatVersion(), e.ringorderVersion(), e.gitCommit(), e.profile(), e.start(), e.end(), true,
                "x86_64", "<script>alert(1)</script> & co", e.cores(), e.kernel(), e.os(), e.governor(), e.jvm(), null, null, null,
                null, null, null, null));
        Drawing.run(Run.load(p), Pick.Rule.DEFAULT);
        String report = Files.readString(p.resolve("report.html"));
        assertFalse(report.contains("<script>"));
        assertTrue(report.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    }
}
