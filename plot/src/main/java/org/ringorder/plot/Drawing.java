package org.ringorder.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.Figures;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;

/** Draws a run's (or a comparison's) charts and report into a directory, replacing earlier ones only once the new ones are whole. */
public final class Drawing {
    private Drawing() {
    }

    /** Every chart of one run, family by family; {@code pick}: the run's pick, whose timed claims the headline shows. */
    public static List<Chart> charts(Run run, Pick.Result pick, Pick.Rule rule) {
        List<Chart> charts = new ArrayList<>();
        if (run.emulated() == null) { // timings under emulation are drawn nowhere
            charts.addAll(ClaimChart.of(pick.timedClaims(), rule, false));
            pick.levels(run).ifPresent(levels -> charts.addAll(ClaimLevelsChart.of(levels, rule)));
            charts.addAll(CostCharts.of(run, rule));
            charts.addAll(BackendCharts.of(run, rule));
            charts.addAll(WorkloadCharts.of(run, rule));
            charts.addAll(KvmChart.of(run, rule));
            charts.addAll(KvmMechanismsChart.of(run));
            charts.addAll(LatencyCharts.of(run));
            charts.addAll(SweepCharts.of(run, rule));
        }
        charts.addAll(CorrectnessCharts.of(run));
        return charts;
    }

    /** {@link #run(Run, Pick.Result, Pick.Rule)} with the run's own pick: the one place plot asks for it. */
    public static void run(Run run, Pick.Rule rule) {
        run(run, Pick.pick(List.of(run), rule), rule);
    }

    /** Writes {@code figures.csv}, {@code charts/} and {@code report.html} of a run into its directory; the report formats {@code pick}. */
    public static void run(Run run, Pick.Result pick, Pick.Rule rule) {
        System.setProperty("java.awt.headless", "true");
        AtomicFiles.writeString(run.dir().resolve(Run.FIGURES), Figures.csv(run.results(), rule.level()));
        List<Chart> charts = List.of();
        Map<String, byte[]> pngs = Map.of();
        String undrawn = null;
        try {
            charts = charts(run, pick, rule);
            pngs = replaceCharts(run.dir(), charts);
        } catch (RuntimeException | LinkageError e) { // e.g. a machine with no fonts (the emulated arm64 one): the report still comes
            charts = List.of();
            undrawn = String.valueOf(e.getMessage());
        }
        AtomicFiles.writeString(run.dir().resolve(Run.REPORT), Report.forRun(run, pick, charts, pngs, rule));
        if (undrawn != null) {
            throw new ChartsNotDrawn(undrawn);
        }
    }

    /** The report was written, without charts: drawing them failed (the message says why). */
    public static final class ChartsNotDrawn extends RuntimeException {
        ChartsNotDrawn(String why) {
            super(why);
        }
    }

    /**
     * Draws {@code kvm-mechanisms} from kvm.json's rows into {@code dir}/charts (ringorder kvm's own
     * directory, which has no report); returns the files written, none when the rows do not sweep.
     */
    public static List<Path> kvmMechanisms(List<KvmRecord> rows, String label, String flavour, Path dir) {
        System.setProperty("java.awt.headless", "true");
        List<Chart> charts = KvmMechanismsChart.of(rows, label, flavour);
        if (charts.isEmpty()) {
            return List.of();
        }
        Path out = dir.resolve(Run.CHARTS);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserError("cannot create " + out + ": " + e.getMessage());
        }
        ChartFiles.write(charts, out);
        return charts.stream().map(c -> out.resolve(c.name() + ".png")).toList();
    }

    /**
     * Loads fonts and Java2D now. AWT registers shutdown hooks of its own when first used, which
     * it cannot do once the JVM is shutting down: a run that must draw its charts after Ctrl-C
     * calls this first.
     */
    public static void warmUp() {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = Style.bars("warm-up", "", "", "ns", Style.Axis.ABSOLUTE, List.of());
        ChartFiles.png(chart);
        ChartFiles.svg(chart);
    }

    /** Writes a comparison's {@code charts/} and {@code report.html} into {@code dir}; the report formats {@code pick}, the runs' pick. */
    public static void comparison(List<Run> runs, Pick.Result pick, Path dir, Pick.Rule rule) {
        System.setProperty("java.awt.headless", "true");
        List<Chart> charts = ComparisonCharts.of(runs, pick, rule);
        Map<String, byte[]> pngs = replaceCharts(dir, charts);
        AtomicFiles.writeString(dir.resolve(Run.REPORT), Report.forComparison(runs, pick, charts, pngs, rule));
    }

    /** Draws into a fresh hidden directory, then swaps it for {@code charts/}. */
    private static Map<String, byte[]> replaceCharts(Path dir, List<Chart> charts) {
        Path fresh = null;
        Path old = dir.resolve(".charts.old");
        try {
            fresh = Files.createTempDirectory(dir, ".charts.");
            Map<String, byte[]> pngs = ChartFiles.write(charts, fresh);
            AtomicFiles.readable(fresh);
            Path target = dir.resolve(Run.CHARTS);
            AtomicFiles.deleteQuietly(old);
            if (Files.exists(target)) {
                Files.move(target, old);
            }
            Files.move(fresh, target);
            AtomicFiles.deleteQuietly(old);
            return pngs;
        } catch (IOException e) {
            throw new UserError("cannot write the charts into " + dir + ": " + e.getMessage());
        } finally {
            AtomicFiles.deleteQuietly(fresh);
        }
    }
}
