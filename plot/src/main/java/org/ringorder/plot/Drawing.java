package org.ringorder.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.ringorder.results.AtomicFiles;
import org.ringorder.results.Figures;
import org.ringorder.results.Run;
import org.ringorder.results.UserError;

/** Draws a run's (or a comparison's) charts and report into a directory, replacing earlier ones only once the new ones are whole. */
public final class Drawing {
    private Drawing() {
    }

    /** Writes {@code figures.csv}, {@code charts/} and {@code report.html} of a run into its directory. */
    public static void run(Run run) {
        System.setProperty("java.awt.headless", "true");
        AtomicFiles.writeString(run.dir().resolve(Run.FIGURES), Figures.csv(run.results()));
        List<Charts.Chart> charts = Charts.forRun(run);
        Map<String, byte[]> pngs = replaceCharts(run.dir(), charts);
        AtomicFiles.writeString(run.dir().resolve(Run.REPORT), Report.forRun(run, charts, pngs));
    }

    /**
     * Loads fonts and Java2D now. AWT registers shutdown hooks of its own when first used, which
     * it cannot do once the JVM is shutting down: a run that must draw its charts after Ctrl-C
     * calls this first.
     */
    public static void warmUp() {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = Charts.barChart("warm-up", "", "", "ns", new DefaultStatisticalCategoryDataset());
        Charts.png(chart);
        Charts.svg(chart);
    }

    /** Writes a comparison's {@code charts/} and {@code report.html} into {@code dir}. */
    public static void comparison(List<Run> runs, Path dir) {
        System.setProperty("java.awt.headless", "true");
        List<Charts.Chart> charts = Charts.forComparison(runs);
        Map<String, byte[]> pngs = replaceCharts(dir, charts);
        AtomicFiles.writeString(dir.resolve(Run.REPORT), Report.forComparison(runs, charts, pngs));
    }

    /** Draws into a fresh hidden directory, then swaps it for {@code charts/}. */
    private static Map<String, byte[]> replaceCharts(Path dir, List<Charts.Chart> charts) {
        Path fresh = null;
        Path old = dir.resolve(".charts.old");
        try {
            fresh = Files.createTempDirectory(dir, ".charts.");
            Map<String, byte[]> pngs = Charts.write(charts, fresh);
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
