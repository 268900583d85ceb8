package org.ringorder.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ringorder.evidence.Run;
import org.ringorder.plot.Drawing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ringorder plot DIR}: draws a run's charts and report again. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draws the charts (charts/*.png, *.svg), figures.csv and report.html of one run again.")
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A run directory written by ./ringorder run.")
    Path dir;

    @Mixin
    VerdictOptions verdict = new VerdictOptions();

    @Override
    public Integer call() {
        var rule = verdict.rule();
        Run run = Run.load(dir);
        try {
            Drawing.run(run, rule);
        } catch (Drawing.ChartsNotDrawn e) {
            spec.commandLine().getErr().println("ringorder: the report has no charts (" + e.getMessage()
                    + "): install fonts (apt-get install fontconfig fonts-dejavu-core) and plot again");
            spec.commandLine().getErr().println("report: " + dir.resolve(Run.REPORT));
            return 1;
        }
        var out = spec.commandLine().getOut();
        out.println("report: " + dir.resolve(Run.REPORT));
        out.println("charts: " + dir.resolve(Run.CHARTS));
        if (!run.completed()) {
            out.println("note: this run is incomplete: it holds only the parts that finished");
        }
        out.flush();
        return 0;
    }
}
