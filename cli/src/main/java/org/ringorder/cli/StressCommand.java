package org.ringorder.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.StressRecord;
import org.ringorder.parts.RunContext;
import org.ringorder.parts.StressSpec;
import org.ringorder.ring.DirtyRing;
import org.ringorder.stress.StressSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringorder stress}: the stress part ({@link StressSpec}) at the user's settings. */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Runs the real concurrent protocol with verifiable pages and counts stale payloads, short resets "
                + "and lost pages, per strategy, each in its own JVM.",
                "Writes stress.json into --out (default: a new results/stress-<time>/) and prints one verdict line per strategy."})
final class StressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Option(names = "--roles", paramLabel = "NAME", description = "all (default) or userspace.")
    String roles = "all";

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds per strategy (default ${DEFAULT-VALUE}).")
    double seconds = StressSettings.DEFAULT_SECONDS;

    @Option(names = "--vcpus", paramLabel = "K", description = "vCPU threads (default 1).")
    int vcpus = 1;

    @Option(names = "--margin", paramLabel = "N", description = "Entries each vCPU keeps free beyond the reset index: 0 to "
            + "64 (default 64, the kernel's reserve). At 0 the vCPU refills the entry just reset, so a collector or reset "
            + "that reads a payload after freeing its entry is caught.")
    int margin = DirtyRing.RSVD_ENTRIES;

    @Override
    public Integer call() {
        List<String> names = which.names();
        StressSettings settings = new StressSettings(roles, seconds, vcpus, margin);
        StressSpec part = new StressSpec();
        PrintWriter err = spec.commandLine().getErr();
        try (ResultsDirectory dir = which.directory("stress")) {
            dir.fresh(Run.STRESS.file());
            List<StressRecord> results = part.run(settings, names, RunContext.forCommand(which.where.jvm(), which.where.pin(),
                    dir.path, err));
            PrintWriter o = spec.commandLine().getOut();
            part.lines(settings, results).forEach(o::println);
            o.println("results: " + dir.path.resolve(Run.STRESS.file()));
            o.flush();
        }
        return 0;
    }
}
