package org.ringorder.cli;

import java.nio.file.Path;
import java.util.List;
import org.ringorder.evidence.Run;
import org.ringorder.parts.StressSpec;
import org.ringorder.ring.DirtyRing;
import org.ringorder.stress.StressSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ringorder stress}: the stress part ({@link StressSpec}) at the user's settings. */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Runs the real concurrent protocol with verifiable pages and counts stale payloads, short resets "
                + "and lost pages, per strategy, each in its own JVM.",
                "Writes stress.json into --out (default: a new results/stress-<time>/) and prints one verdict line per strategy."})
final class StressCommand extends PartCommand {
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
        try (ResultsDirectory dir = which.directory("stress")) {
            Path file = dir.fresh(Run.STRESS.file());
            print(part.lines(settings, part.run(settings, names, context(dir.path))), file);
        }
        return 0;
    }
}
