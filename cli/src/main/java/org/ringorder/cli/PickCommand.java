package org.ringorder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ringorder.evidence.ClaimLevels;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ringorder pick DIR...}: the strategy flag to use, with one evidence line per run. */
@Command(name = "pick", mixinStandardHelpOptions = true,
        description = {"Prints the strategy flag to use (first line, alone), one evidence line per run, the seed's claim per run, "
                + "the claim at three levels (ordering points, concurrent workload, real kernel path; the first alone decides), "
                + "each strategy's standing, the machine's noise where it undermines a verdict, and why.",
                "Rules (README, 'How pick decides'): known safe, no violation seen, then the smallest harvest + reset cost over "
                        + "plain at ringSize 4096, vcpus 1 on the JVM backend; with several runs, the smallest worst case."})
final class PickCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Run directories written by ./ringorder run.")
    List<Path> dirs;

    @Mixin
    VerdictOptions verdict = new VerdictOptions();

    @Override
    public Integer call() {
        Pick.Rule rule = verdict.rule();
        List<Run> runs = dirs.stream().map(Run::load).toList();
        Run.checkComparable(runs);
        Pick.Result pick = Pick.pick(runs, rule);
        var o = spec.commandLine().getOut();
        if (pick.flag().isEmpty()) {
            spec.commandLine().getErr().println("ringorder: no strategy can be picked: " + pick.why());
            pick.claims().forEach(c -> spec.commandLine().getErr().println("claim: " + c));
            levels(pick, runs.size() > 1, spec.commandLine().getErr());
            return 1;
        }
        o.println(pick.flag().get());
        for (Pick.Evidence e : pick.evidence()) {
            o.println("evidence: " + e.line());
        }
        pick.claims().forEach(c -> o.println("claim: " + c));
        levels(pick, runs.size() > 1, o);
        pick.standings().forEach(x -> o.println("standing: " + x.strategy() + ": " + x.words()));
        pick.evidence().forEach(e -> e.kvmRule().ifPresent(kvm -> o.println("rule: " + kvm)));
        pick.warnings().forEach(w -> o.println("warning: " + w));
        for (Run r : runs) {
            if (!r.completed()) {
                o.println("note: " + r.dir() + " is incomplete: it holds only the parts that finished");
            }
        }
        o.println("why: " + pick.why());
        o.flush();
        return 0;
    }

    /** The claim at three levels, a block per run whose timings are used (none under emulation): context after the claims. */
    private static void levels(Pick.Result pick, boolean named, PrintWriter out) {
        for (ClaimLevels l : pick.levels()) {
            out.println(l.header(named) + ":");
            l.texts().forEach(t -> out.println("  " + t));
        }
    }
}
