package org.ringorder.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.StressRecord;
import org.ringorder.evidence.UserError;
import org.ringorder.launch.Jvm;
import org.ringorder.ring.DirtyRing;
import org.ringorder.strategy.Roles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringorder stress}: does a strategy lose or corrupt dirty pages? Each strategy in a JVM of its own. */
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

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds per strategy (default 10).")
    double seconds = 10;

    @Option(names = "--vcpus", paramLabel = "K", description = "vCPU threads (default 1).")
    int vcpus = 1;

    @Option(names = "--margin", paramLabel = "N", description = "Entries each vCPU keeps free beyond the reset index: 0 to "
            + "64 (default 64, the kernel's reserve). At 0 the vCPU refills the entry just reset, so a collector or reset "
            + "that reads a payload after freeing its entry is caught.")
    int margin = DirtyRing.RSVD_ENTRIES;

    @Override
    public Integer call() {
        List<String> names = which.names();
        Roles.byName(roles);
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new UserError("--seconds " + seconds + " is out of range: expected more than 0, at most 86400");
        }
        if (vcpus < 1 || vcpus > 1024) {
            throw new UserError("--vcpus " + vcpus + " is out of range: expected 1..1024");
        }
        if (margin < 0 || margin > DirtyRing.RSVD_ENTRIES) {
            throw new UserError("--margin " + margin + " is out of range: expected 0.." + DirtyRing.RSVD_ENTRIES
                    + " (the kernel's reserve, the default)");
        }
        Jvm jvm = which.where.jvm();
        String pin = which.where.pin();
        Path dir = which.directory("stress");
        if (Files.exists(dir.resolve(Run.STRESS.file()))) {
            throw new UserError(dir.resolve(Run.STRESS.file()) + " already exists: choose another --out (earlier results are never overwritten)");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<StressRecord> results = run(jvm, pin, names, roles, seconds, vcpus, margin, dir, line -> {
            err.println(line);
            err.flush();
        });
        Run.write(dir, Run.STRESS, results);
        PrintWriter o = spec.commandLine().getOut();
        results.forEach(r -> o.println(verdict(r)));
        o.println("results: " + dir.resolve(Run.STRESS.file()));
        o.flush();
        return 0;
    }

    /** One JVM per strategy, one after another; returns their records. */
    static List<StressRecord> run(Jvm jvm, String pin, List<String> names, String roles, double seconds, int vcpus, int margin,
                                  Path dir, Consumer<String> say) {
        return StrategyJvms.run("stress", "org.ringorder.stress.StressMain", StressRecord.class, jvm, pin, names,
                s -> List.of(s, roles, String.valueOf(seconds), String.valueOf(vcpus), String.valueOf(margin)),
                String.format(Locale.ROOT, "roles %s, %s s, %d vCPU(s), margin %d", roles, seconds, vcpus, margin), seconds, dir, say);
    }

    /** E.g. {@code acquire-load: no violation in 3412877 entries checked (10.0 s)}. */
    static String verdict(StressRecord r) {
        String what = r.violations() == 0 ? "no violation" : String.format(Locale.ROOT, "%d violations (stale payloads %d, short "
                + "resets %d, overwrites %d, lost pages %d)", r.violations(), r.stalePayloads(), r.shortResets(), r.overwrites(),
                r.lostPages());
        return String.format(Locale.ROOT, "%s: %s in %d entries checked (%.1f s, roles %s, %d vCPU, margin %s)", r.strategy(), what,
                r.entriesChecked(), r.millis() / 1000.0, r.roles(), r.vcpus(), r.margin() == null ? "64" : r.margin());
    }
}
