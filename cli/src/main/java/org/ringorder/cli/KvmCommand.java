package org.ringorder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ringorder.evidence.KvmMechanisms;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.kvm.Break;
import org.ringorder.kvm.Kvm;
import org.ringorder.kvm.Mechanism;
import org.ringorder.parts.EnvProbe;
import org.ringorder.parts.KvmSettings;
import org.ringorder.parts.KvmSpec;
import org.ringorder.parts.RunContext;
import org.ringorder.plot.Drawing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringorder kvm}: the kernel's own dirty tracking under a guest of ringorder's own, each
 * line (a ring strategy, a bitmap mode) in its own JVM: the ring alone by default, or the ring
 * against the bitmap ({@code --mechanism ring,bitmap}), over a sweep of slot sizes and dirty rates.
 * A thin adapter: its options fill {@link KvmSettings}, which checks them and makes the runs.
 */
@Command(name = "kvm", mixinStandardHelpOptions = true,
        description = {"Runs a guest of ringorder's own under /dev/kvm and tracks the pages it dirties with the kernel's dirty "
                + "ring (harvested by each strategy, reset with the real KVM_RESET_DIRTY_RINGS) or its dirty bitmap "
                + "(KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG); measures and checks each as a migration would need it.",
                "With the bitmap among the mechanisms (or --sweep) the guest's exits are paced (--exit-interval-us "
                        + KvmSettings.COMPARING_EXIT_INTERVAL_US + ") so that both see the same dirty rate, and the collector cycles "
                        + "every --reap-interval-us " + KvmSettings.COMPARING_REAP_INTERVAL_US + "; the ring alone keeps 0 and 0 "
                        + "(flat out).",
                "Writes kvm.json into --out (default: a new results/kvm-<time>/). Exit status 3 when KVM cannot be used here."})
final class KvmCommand extends PartCommand {
    @Option(names = "--mechanism", split = ",", paramLabel = "NAME",
            description = "ring (default), bitmap, or both: ring,bitmap. The bitmap runs each mode this kernel offers.")
    List<String> mechanisms = List.of(Mechanism.RING.flag());

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds per line and setting (default " + KvmSettings.SECONDS + ").")
    double seconds = KvmSettings.SECONDS;

    @Option(names = "--vcpus", paramLabel = "K",
            description = "vCPUs, each with its own ring and share of the memory (default ${DEFAULT-VALUE}).")
    int vcpus = KvmSettings.VCPUS;

    @Option(names = "--ring-size", paramLabel = "N",
            description = "Entries per ring, a power of two up to the kernel's maximum (default ${DEFAULT-VALUE}).")
    int ringSize = KvmSettings.RING_SIZE;

    @Option(names = "--mib", split = ",", paramLabel = "M", description = "The logged slot's size in MiB, a power of two up to "
            + KvmSettings.MAX_MIB + "; a list sweeps it (default " + KvmSettings.MIB + ").")
    List<Integer> mib;

    @Option(names = "--dirty-mib", split = ",", paramLabel = "M",
            description = "The guest's dirty working set within the slot, in MiB; a list sweeps it (default: the whole slot; "
                    + KvmSettings.COMPARING_DIRTY_MIB + " when comparing mechanisms).")
    List<Integer> dirtyMib;

    @Option(names = "--writes-per-exit", split = ",", paramLabel = "N",
            description = "The guest's writes between exits: with paced exits, the dirty rate; a list sweeps it (default "
                    + KvmSettings.WRITES_PER_EXIT + "; " + KvmSettings.COMPARING_WRITES_PER_EXIT + " when comparing mechanisms).")
    List<Integer> writesPerExit;

    @Option(names = "--exit-interval-us", paramLabel = "N", description = "Hold each guest exit until the next tick of N us "
            + "(0: unpaced; default 0, " + KvmSettings.COMPARING_EXIT_INTERVAL_US + " when comparing mechanisms).")
    Long exitIntervalMicros;

    @Option(names = "--write-pattern", paramLabel = "NAME",
            description = "The order of the guest's page writes: sequential (default), stride or random.")
    String writePattern = KvmSettings.WRITE_PATTERN;

    @Option(names = "--reap-interval-us", paramLabel = "N", description = "The collector sleeps N us between cycles "
            + "(default 0: continuously; " + KvmSettings.COMPARING_REAP_INTERVAL_US + " when comparing mechanisms).")
    Long reapIntervalMicros;

    @Option(names = "--clear-chunk-mib", paramLabel = "M", description = "The bitmap's KVM_CLEAR_DIRTY_LOG span in MiB, clamped to "
            + "the slot (default ${DEFAULT-VALUE}: QEMU's clear-bitmap-shift 18).")
    int clearChunkMiB = KvmSettings.CLEAR_CHUNK_MIB;

    @Option(names = "--repeat", paramLabel = "N", description = "Processes per line and setting, interleaved (default 1; "
            + KvmSettings.SWEEP_REPEAT + " with --sweep).")
    Integer repeat;

    @Option(names = "--sweep", description = "Both mechanisms over slot sizes 256,64,1024 MiB and writes per exit 32,8,96 "
            + "(32k, 8k, 96k writes/s), " + KvmSettings.SWEEP_REPEAT + " processes each: the kvm-mechanisms chart.")
    boolean sweep;

    @Option(names = "--break", paramLabel = "NAME", split = ",", hidden = true,
            description = "Test only: wrong collections the migration check must catch, each on its mechanism's lines (skip-reset, "
                    + "reset-after-copy, drop-last, skip-clear, clear-after-copy; none: the right one).")
    List<String> broken = List.of(Break.NONE.flag());

    @Override
    public Integer call() {
        KvmSettings.Schedule schedule = settings().schedule();
        Optional<String> why = Kvm.unavailable();
        if (why.isPresent()) {
            spec.commandLine().getErr().println("ringorder: kvm backend skipped: " + why.get());
            return 3;
        }
        try (ResultsDirectory out = which.directory("kvm")) {
            Path file = out.fresh(Run.KVM.file());
            RunContext ctx = context(out.path);
            List<KvmRecord> results = schedule.run(ctx.jvm, ctx.pin, out.path, ctx.progress::say);
            Run.write(out.path, Run.KVM, results);
            print(lines(schedule, results, out.path), file);
        }
        return 0;
    }

    /** The verdict of each line where it ran one setting once; the mechanisms' summary and its chart where it compared them. */
    private static List<String> lines(KvmSettings.Schedule schedule, List<KvmRecord> results, Path dir) {
        List<String> lines = new ArrayList<>();
        if (schedule.workloads().size() == 1 && schedule.repeat() == 1) {
            results.forEach(r -> lines.add(KvmSpec.verdict(r)));
        }
        if (!schedule.ringOnly()) {
            lines.addAll(KvmMechanisms.of(results).summary());
            String flavour = EnvProbe.kvm().flavour();
            if (results.get(0).emulated() == null) { // timings under emulation are drawn nowhere
                Drawing.kvmMechanisms(results, EnvProbe.arch(), flavour == null ? "unknown" : flavour, dir)
                        .forEach(f -> lines.add("chart: " + f));
            }
        }
        return lines;
    }

    /** The options as settings. */
    KvmSettings settings() {
        KvmSettings s = new KvmSettings();
        s.mechanisms = mechanisms;
        s.strategies = which.names();
        s.seconds = seconds;
        s.vcpus = vcpus;
        s.ringSize = ringSize;
        s.mib = mib;
        s.dirtyMib = dirtyMib;
        s.writesPerExit = writesPerExit;
        s.exitIntervalMicros = exitIntervalMicros;
        s.reapIntervalMicros = reapIntervalMicros;
        s.writePattern = writePattern;
        s.clearChunkMiB = clearChunkMiB;
        s.repeat = repeat;
        s.sweep = sweep;
        s.broken = broken;
        return s;
    }
}
