package org.ringorder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.parts.Home;
import org.ringorder.plot.Drawing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ringorder compare DIR DIR...}: one report and one set of charts across runs, e.g. x86_64 against aarch64. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares runs from several machines (or JDKs) strategy by strategy.",
                "Writes results/compare-<time>/ with charts/ and report.html; any results-format version this ringorder reads."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Run directories written by ./ringorder run (two or more).")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to create the comparison directory (default: results/).")
    Path out;

    @Mixin
    VerdictOptions verdict = new VerdictOptions();

    @Override
    public Integer call() {
        Pick.Rule rule = verdict.rule();
        if (dirs.size() < 2) {
            throw new UserError("compare needs at least two run directories (got 1): to redraw one run, use ./ringorder plot DIR");
        }
        List<Run> runs = dirs.stream().map(Run::load).toList();
        Run.checkComparable(runs);
        Path parent = AtomicFiles.writableDirectory(out != null ? out : Home.results(), "--out");
        String name = "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path target = parent.resolve(name);
        if (Files.exists(target)) {
            throw new UserError(target + " already exists: wait a second and compare again");
        }
        Path work = parent.resolve("." + name + ".part");
        Pick.Result pick = Pick.pick(runs, rule);
        try {
            Files.createDirectory(work);
            Drawing.comparison(runs, pick, work, rule);
            Files.move(work, target);
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage());
        } finally {
            AtomicFiles.deleteQuietly(work);
        }
        var o = spec.commandLine().getOut();
        for (Run r : runs) {
            if (!r.completed()) {
                o.println("note: " + r.dir() + " is incomplete: it holds only the parts that finished");
            }
        }
        pick.claims().forEach(c -> o.println("claim: " + c));
        pick.warnings().forEach(w -> o.println("warning: " + w));
        o.println("report: " + target.resolve(Run.REPORT));
        o.flush();
        return 0;
    }
}
