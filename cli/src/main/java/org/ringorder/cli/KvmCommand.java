package org.ringorder.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.kvm.Kvm;
import org.ringorder.kvm.KvmRun;
import org.ringorder.launch.Jvm;
import org.ringorder.ring.DirtyRing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ringorder kvm}: the strategies against the kernel's own dirty ring, each in its own JVM. */
@Command(name = "kvm", mixinStandardHelpOptions = true,
        description = {"Runs a guest of ringorder's own under /dev/kvm with the kernel's dirty ring, harvests the mmapped "
                + "rings with each strategy and resets them with the real KVM_RESET_DIRTY_RINGS; measures and checks.",
                "Writes kvm.json into --out (default: a new results/kvm-<time>/). Exit status 3 when KVM cannot be used here."})
final class KvmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds per strategy (default 5).")
    double seconds = 5;

    @Option(names = "--vcpus", paramLabel = "K", description = "vCPUs, each with its own ring and share of the memory (default 1).")
    int vcpus = 1;

    @Option(names = "--ring-size", paramLabel = "N", description = "Entries per ring, a power of two up to the kernel's maximum (default 4096).")
    int ringSize = 4096;

    @Option(names = "--mib", paramLabel = "M", description = "Guest memory the guest dirties, in MiB (default 256).")
    int mib = 256;

    @Option(names = "--pattern", paramLabel = "NAME", description = "sequential (default), stride or random.")
    String pattern = "sequential";

    @Option(names = "--reap-interval-us", paramLabel = "N",
            description = "The collector sleeps N us between passes (default 0: it harvests continuously; QEMU's reaper sleeps).")
    long reapIntervalMicros = 0;

    @Override
    public Integer call() {
        List<String> names = which.names();
        validate(seconds, vcpus, ringSize, mib, pattern);
        if (reapIntervalMicros < 0 || reapIntervalMicros > 10_000_000) {
            throw new UserError("--reap-interval-us " + reapIntervalMicros + " is out of range: expected 0..10000000");
        }
        Optional<String> why = Kvm.unavailable();
        if (why.isPresent()) {
            spec.commandLine().getErr().println("ringorder: kvm backend skipped: " + why.get());
            return 3;
        }
        Jvm jvm = which.where.jvm();
        String pin = which.where.pin();
        Path dir = which.directory("kvm");
        if (Files.exists(dir.resolve(Run.KVM.file()))) {
            throw new UserError(dir.resolve(Run.KVM.file()) + " already exists: choose another --out (earlier results are never overwritten)");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<KvmRecord> results = run(jvm, pin, names, seconds, vcpus, ringSize, mib, pattern, reapIntervalMicros, dir, line -> {
            err.println(line);
            err.flush();
        });
        Run.write(dir, Run.KVM, results);
        PrintWriter o = spec.commandLine().getOut();
        results.forEach(r -> o.println(verdict(r)));
        o.println("results: " + dir.resolve(Run.KVM.file()));
        o.flush();
        return 0;
    }

    static void validate(double seconds, int vcpus, int ringSize, int mib, String pattern) {
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new UserError("--seconds " + seconds + " is out of range: expected more than 0, at most 86400");
        }
        if (vcpus < 1 || vcpus > 64 || Integer.bitCount(vcpus) != 1) {
            throw new UserError("--vcpus " + vcpus + " is not a power of two in 1..64");
        }
        DirtyRing.checkSize(ringSize);
        if (mib < 1 || mib > 3072 || Integer.bitCount(mib) != 1) {
            throw new UserError("--mib " + mib + " is not a power of two in 1..3072 (the guest reaches 4 GiB in 32-bit mode)");
        }
        KvmRun.Pattern.byName(pattern);
    }

    /** One JVM per strategy, one after another; returns their records. */
    static List<KvmRecord> run(Jvm jvm, String pin, List<String> names, double seconds, int vcpus, int ringSize, int mib,
                               String pattern, long reapIntervalMicros, Path dir, Consumer<String> say) {
        return StrategyJvms.run("kvm", "org.ringorder.kvm.KvmMain", KvmRecord.class, jvm, pin, names,
                s -> List.of(s, String.valueOf(vcpus), String.valueOf(ringSize), String.valueOf(mib), pattern,
                        String.valueOf(seconds), String.valueOf(reapIntervalMicros)),
                String.format(Locale.ROOT, "%s s, %d vCPU(s), ring %d, %d MiB %s", seconds, vcpus, ringSize, mib, pattern),
                seconds, dir, say);
    }

    /** E.g. {@code acquire-load: 0.290 M pages/s harvested, reset 0.36 us (p99 0.53), ...: every written page reported}. */
    static String verdict(KvmRecord r) {
        String rates = r.emulated() != null ? "timings under emulation (" + r.emulated() + "): not used"
                : String.format(Locale.ROOT, "%.3f M pages/s harvested, %.2f entries per reset, reset mean %.2f us "
                        + "(p99 %.2f), %.1f ring-full exits/s, guest %.3f M writes/s", r.pagesPerSecond() / 1e6,
                r.entriesPerReset(), r.resetMeanMicros(), r.resetP99Micros(), r.ringFullPerSecond(), r.guestWritesPerSecond() / 1e6);
        return String.format(Locale.ROOT, "%s: %s; %s (%d pages written, %d harvested, %d resets, %s)",
                r.strategy(), rates,
                r.violations() == 0 ? "every written page reported" : r.violations() + " VIOLATIONS (lost pages " + r.lostPages()
                        + ", bad payloads " + r.outOfRange() + ", reset mismatches " + r.resetMismatches() + ")",
                r.pagesWritten(), r.harvested(), r.resetCalls(), r.capability())
                + (r.ringOverruns() > 0 ? String.format(Locale.ROOT, "; KERNEL RING OVERRUN: %d passes found a whole ring DIRTY "
                + "(pushed past the soft limit), %d ring-full exits with nothing DIRTY to harvest", r.ringOverruns(),
                r.emptyRingFullExits()) : "");
    }
}
