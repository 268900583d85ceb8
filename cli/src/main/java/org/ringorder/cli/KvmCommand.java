package org.ringorder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.ringorder.evidence.KvmMechanisms;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.UserError;
import org.ringorder.kvm.BitmapMode;
import org.ringorder.kvm.Break;
import org.ringorder.kvm.Kvm;
import org.ringorder.kvm.KvmMain;
import org.ringorder.kvm.KvmRun;
import org.ringorder.kvm.Mechanism;
import org.ringorder.launch.Jvm;
import org.ringorder.plot.Drawing;
import org.ringorder.ring.DirtyRing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ringorder kvm}: the kernel's own dirty tracking under a guest of ringorder's own, each
 * line (a ring strategy, a bitmap mode) in its own JVM: the ring alone by default, or the ring
 * against the bitmap ({@code --mechanism ring,bitmap}), over a sweep of slot sizes and dirty rates.
 */
@Command(name = "kvm", mixinStandardHelpOptions = true,
        description = {"Runs a guest of ringorder's own under /dev/kvm and tracks the pages it dirties with the kernel's dirty "
                + "ring (harvested by each strategy, reset with the real KVM_RESET_DIRTY_RINGS) or its dirty bitmap "
                + "(KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG); measures and checks each as a migration would need it.",
                "With the bitmap among the mechanisms (or --sweep) the guest's exits are paced (--exit-interval-us 1000) so that "
                        + "both see the same dirty rate, and the collector cycles every --reap-interval-us 10000; the ring alone "
                        + "keeps 0 and 0 (flat out).",
                "Writes kvm.json into --out (default: a new results/kvm-<time>/). Exit status 3 when KVM cannot be used here."})
final class KvmCommand implements Callable<Integer> {
    /** {@code --sweep}: slot sizes at the base dirty rate, then dirty rates at the base slot size. */
    static final List<Integer> SWEEP_MIB = List.of(256, 64, 1024);
    static final List<Integer> SWEEP_WRITES_PER_EXIT = List.of(32, 8, 96);
    static final int SWEEP_REPEAT = 5;
    /** The sweep's settings: the base, then each other slot size and each other rate. */
    static final int SWEEP_SETTINGS = SWEEP_MIB.size() + SWEEP_WRITES_PER_EXIT.size() - 1;
    /** The largest slot: the Java side's direct buffers index bytes with int (2 GiB less one), and sizes are powers of two. */
    static final int MAX_MIB = 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    StrategyOptions which = new StrategyOptions();

    @Option(names = "--mechanism", split = ",", paramLabel = "NAME",
            description = "ring (default), bitmap, or both: ring,bitmap. The bitmap runs each mode this kernel offers.")
    List<String> mechanisms = List.of("ring");

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds per line and setting (default 5).")
    double seconds = 5;

    @Option(names = "--vcpus", paramLabel = "K", description = "vCPUs, each with its own ring and share of the memory (default 1).")
    int vcpus = 1;

    @Option(names = "--ring-size", paramLabel = "N", description = "Entries per ring, a power of two up to the kernel's maximum (default 4096).")
    int ringSize = 4096;

    @Option(names = "--mib", split = ",", paramLabel = "M",
            description = "The logged slot's size in MiB, a power of two up to 1024; a list sweeps it (default 256).")
    List<Integer> mib;

    @Option(names = "--dirty-mib", split = ",", paramLabel = "M",
            description = "The guest's dirty working set within the slot, in MiB; a list sweeps it (default: the whole slot; 64 when "
                    + "comparing mechanisms).")
    List<Integer> dirtyMib;

    @Option(names = "--writes-per-exit", split = ",", paramLabel = "N",
            description = "The guest's writes between exits: with paced exits, the dirty rate; a list sweeps it (default 4096; 32 "
                    + "when comparing mechanisms).")
    List<Integer> writesPerExit;

    @Option(names = "--exit-interval-us", paramLabel = "N",
            description = "Hold each guest exit until the next tick of N us (0: unpaced; default 0, 1000 when comparing mechanisms).")
    Long exitIntervalMicros;

    @Option(names = "--pattern", paramLabel = "NAME", description = "sequential (default), stride or random.")
    String pattern = "sequential";

    @Option(names = "--reap-interval-us", paramLabel = "N",
            description = "The collector sleeps N us between cycles (default 0: continuously; 10000 when comparing mechanisms).")
    Long reapIntervalMicros;

    @Option(names = "--clear-chunk-mib", paramLabel = "M",
            description = "The bitmap's KVM_CLEAR_DIRTY_LOG span in MiB, clamped to the slot (default 1024: QEMU's clear-bitmap-shift 18).")
    int clearChunkMiB = 1024;

    @Option(names = "--repeat", paramLabel = "N", description = "Processes per line and setting, interleaved (default 1; 5 with --sweep).")
    Integer repeat;

    @Option(names = "--sweep", description = "Both mechanisms over slot sizes 256,64,1024 MiB and writes per exit 32,8,96 "
            + "(32k, 8k, 96k writes/s), 5 processes each: the kvm-mechanisms chart.")
    boolean sweep;

    @Option(names = "--break", paramLabel = "NAME", hidden = true,
            description = "Test only: a wrong collection the migration check must catch (skip-reset, reset-after-copy, drop-last, "
                    + "skip-clear, clear-after-copy).")
    String broken = "none";

    @Override
    public Integer call() {
        Plan plan = plan();
        Optional<String> why = Kvm.unavailable();
        if (why.isPresent()) {
            spec.commandLine().getErr().println("ringorder: kvm backend skipped: " + why.get());
            return 3;
        }
        List<String> lines = plan.lines(Kvm.probe()[3]);
        Jvm jvm = which.where.jvm();
        String pin = which.where.pin();
        Path dir = which.directory("kvm").path; // TODO(merge): ResultsDirectory
        if (Files.exists(dir.resolve(Run.KVM.file()))) {
            throw new UserError(dir.resolve(Run.KVM.file()) + " already exists: choose another --out (earlier results are never overwritten)");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<KvmRecord> results = run(jvm, pin, lines, plan.settings, plan.repeat, dir, line -> {
            err.println(line);
            err.flush();
        });
        Run.write(dir, Run.KVM, results);
        PrintWriter o = spec.commandLine().getOut();
        if (plan.settings.size() == 1 && plan.repeat == 1) {
            results.forEach(r -> o.println(verdict(r)));
        }
        if (!plan.ringOnly()) {
            KvmMechanisms.of(results).summary().forEach(o::println);
            String flavour = EnvProbe.kvm().flavour();
            if (results.get(0).emulated() == null) { // timings under emulation are drawn nowhere
                Drawing.kvmMechanisms(results, EnvProbe.arch(), flavour == null ? "unknown" : flavour, dir)
                        .forEach(f -> o.println("chart: " + f));
            }
        }
        o.println("results: " + dir.resolve(Run.KVM.file()));
        o.flush();
        return 0;
    }

    /** What to run: the lines' kinds, the settings (one factor at a time), the repetitions; every value checked. */
    record Plan(List<Mechanism> mechanisms, List<String> strategies, List<KvmRun.Setting> settings, int repeat) {
        boolean ringOnly() {
            return mechanisms.equals(List.of(Mechanism.RING));
        }

        /** ring:STRATEGY for each strategy, bitmap:MODE for each mode the kernel offers (manual protect flags given). */
        List<String> lines(long manualProtectFlags) {
            List<String> lines = new ArrayList<>();
            if (mechanisms.contains(Mechanism.RING)) {
                strategies.forEach(s -> lines.add("ring:" + s));
            }
            if (mechanisms.contains(Mechanism.BITMAP)) {
                BitmapMode.offered(manualProtectFlags).forEach(m -> lines.add("bitmap:" + m.flag()));
            }
            return lines;
        }
    }

    Plan plan() {
        List<Mechanism> kinds = sweep ? List.of(Mechanism.RING, Mechanism.BITMAP) : mechanisms.stream().map(m -> {
            try {
                return Mechanism.byName(m);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }).distinct().toList();
        boolean comparing = kinds.contains(Mechanism.BITMAP);
        List<Integer> mibs = mib != null ? mib : sweep ? SWEEP_MIB : List.of(256);
        List<Integer> dirty = dirtyMib != null ? dirtyMib : comparing ? List.of(64) : null;
        List<Integer> wpe = writesPerExit != null ? writesPerExit : sweep ? SWEEP_WRITES_PER_EXIT : List.of(comparing ? 32 : 4096);
        long exitUs = exitIntervalMicros != null ? exitIntervalMicros : comparing ? 1000 : 0;
        long reapUs = reapIntervalMicros != null ? reapIntervalMicros : comparing ? 10_000 : 0;
        int reps = repeat != null ? repeat : sweep ? SWEEP_REPEAT : 1;
        Break brk;
        try {
            brk = Break.byName(broken);
            KvmRun.Pattern.byName(pattern);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (brk.mechanism() != null && !kinds.contains(brk.mechanism())) {
            throw new UserError("--break " + broken + " breaks the " + brk.mechanism().flag() + ", which --mechanism does not run");
        }
        validate(seconds, vcpus, ringSize, pattern);
        if (exitUs < 0 || exitUs > 1_000_000) {
            throw new UserError("--exit-interval-us " + exitUs + " is out of range: expected 0..1000000");
        }
        if (reapUs < 0 || reapUs > 10_000_000) {
            throw new UserError("--reap-interval-us " + reapUs + " is out of range: expected 0..10000000");
        }
        if (reps < 1 || reps > 100) {
            throw new UserError("--repeat " + reps + " is out of range: expected 1..100");
        }
        if (clearChunkMiB < 1 || Integer.bitCount(clearChunkMiB) != 1) {
            throw new UserError("--clear-chunk-mib " + clearChunkMiB + " is not a power of two of 1 or more");
        }
        for (int w : wpe) {
            if (w < 1 || w > 1 << 24) {
                throw new UserError("--writes-per-exit " + w + " is out of range: expected 1..16777216");
            }
        }
        long available = availableMiB();
        for (int m : mibs) {
            checkMib(m, available);
        }
        long chunkPages = Math.max(64, ((long) clearChunkMiB << 20) / pageSize());
        List<KvmRun.Setting> settings = new ArrayList<>();
        int baseDirty = dirty == null ? mibs.get(0) : dirty.get(0);
        // one factor at a time around the first value of each list
        List<int[]> points = new ArrayList<>();
        points.add(new int[] {mibs.get(0), baseDirty, wpe.get(0)});
        mibs.stream().skip(1).forEach(m -> points.add(new int[] {m, dirty == null ? m : baseDirty, wpe.get(0)}));
        if (dirty != null) {
            dirty.stream().skip(1).forEach(d -> points.add(new int[] {mibs.get(0), d, wpe.get(0)}));
        }
        wpe.stream().skip(1).forEach(w -> points.add(new int[] {mibs.get(0), baseDirty, w}));
        for (int[] p : points) {
            if (p[1] < 1 || p[1] > p[0] || Integer.bitCount(p[1]) != 1) {
                throw new UserError("--dirty-mib " + p[1] + " is not a power of two in 1..--mib " + p[0]);
            }
            settings.add(new KvmRun.Setting(vcpus, ringSize, p[0], p[1], KvmRun.Pattern.byName(pattern), Math.round(seconds * 1000),
                    reapUs, exitUs, p[2], chunkPages, brk));
        }
        return new Plan(kinds, which.names(), settings, reps);
    }

    static void validate(double seconds, int vcpus, int ringSize, String pattern) {
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new UserError("--seconds " + seconds + " is out of range: expected more than 0, at most 86400");
        }
        if (vcpus < 1 || vcpus > 64 || Integer.bitCount(vcpus) != 1) {
            throw new UserError("--vcpus " + vcpus + " is not a power of two in 1..64");
        }
        DirtyRing.checkSize(ringSize);
        KvmRun.Pattern.byName(pattern);
    }

    /** A slot the guest and this machine can give: a power of two up to {@link #MAX_MIB}, within half the memory available. */
    static void checkMib(int m, long availableMiB) {
        if (m < 1 || m > MAX_MIB || Integer.bitCount(m) != 1) {
            throw new UserError("--mib " + m + " is not a power of two in 1.." + MAX_MIB
                    + " (ringorder indexes a slot's pages in one direct buffer, at most 1 GiB)");
        }
        if (availableMiB > 0 && 2L * m > availableMiB) {
            throw new UserError("--mib " + m + " needs about " + 2 * m + " MiB of memory (the slot and its check) and this machine has "
                    + availableMiB + " MiB available: use a smaller --mib");
        }
    }

    /** The host's page size (4 KiB where the kvm library cannot load: it then says why, later). */
    static long pageSize() {
        try {
            return Kvm.pageSize();
        } catch (UnsatisfiedLinkError e) {
            return 4096;
        }
    }

    /** MemAvailable from /proc/meminfo, in MiB; 0 when unknown. */
    static long availableMiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemAvailable:")) {
                    return Long.parseLong(l.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown: the kernel refuses what it cannot give
        }
        return 0;
    }

    /** One JVM per line, setting and repetition, the repetitions outermost (each line's processes spread over the run). */
    static List<KvmRecord> run(Jvm jvm, String pin, List<String> lines, List<KvmRun.Setting> settings, int repeat, Path dir,
                               Consumer<String> say) {
        List<KvmRecord> all = new ArrayList<>();
        for (int rep = 1; rep <= repeat; rep++) {
            for (KvmRun.Setting s : settings) {
                final int r = rep;
                String what = String.format(Locale.ROOT, "%s s, %d vCPU(s), %d MiB slot, %d MiB dirty, %d writes per exit%s, %s%s",
                        s.millis() / 1000.0, s.vcpus(), s.dataMiB(), s.dirtyMiB(), s.writesPerExit(),
                        s.exitIntervalMicros() == 0 ? "" : " every " + s.exitIntervalMicros() + " us", s.pattern().flag(),
                        repeat > 1 ? ", process " + rep + " of " + repeat : "");
                all.addAll(StrategyJvms.run("kvm", "org.ringorder.kvm.KvmMain", KvmRecord.class, jvm, pin, lines,
                        line -> KvmMain.args(line, s, r), what, s.millis() / 1000.0 * 1.25 + 2.5, dir, say));
            }
        }
        return all;
    }

    /** The ring alone, as run's kvm part runs it: one process per strategy, flat out. */
    static List<KvmRecord> ring(Jvm jvm, String pin, List<String> strategies, double seconds, Path dir, Consumer<String> say) {
        KvmRun.Setting s = new KvmRun.Setting(1, 4096, 256, 256, KvmRun.Pattern.SEQUENTIAL, Math.round(seconds * 1000), 0, 0, 4096,
                Math.max(64, (1024L << 20) / pageSize()), Break.NONE);
        return run(jvm, pin, strategies.stream().map(x -> "ring:" + x).toList(), List.of(s), 1, dir, say);
    }

    /** {@code --sweep} at its defaults (run's full profile): 1 s per process. */
    static List<KvmRecord> sweep(Jvm jvm, String pin, List<String> strategies, Path dir, Consumer<String> say) {
        KvmCommand c = new KvmCommand();
        c.sweep = true;
        c.seconds = 1;
        c.which.strategies = strategies;
        Plan plan = c.plan();
        return run(jvm, pin, plan.lines(Kvm.probe()[3]), plan.settings, plan.repeat, dir, say);
    }

    /** E.g. {@code acquire-load: 0.290 M pages/s harvested, reset 0.36 us (p99 0.53), ...: every written page reported}. */
    static String verdict(KvmRecord r) {
        String rates = r.emulated() != null ? "timings under emulation (" + r.emulated() + "): not used"
                : r.ring() ? String.format(Locale.ROOT, "%.3f M pages/s harvested, %.2f entries per reset, reset mean %.2f us "
                        + "(p99 %.2f), %.1f ring-full exits/s, guest %.3f M writes/s", r.pagesPerSecond() / 1e6,
                r.entriesPerReset(), r.resetMeanMicros(), r.resetP99Micros(), r.ringFullPerSecond(), r.guestWritesPerSecond() / 1e6)
                : String.format(Locale.ROOT, "%.0f ns CPU per page collected, cycle p99 %.1f us, guest %.3f M writes/s",
                r.collection().cpuNanosPerPage(), r.collection().cycleP99Micros(), r.guestWritesPerSecond() / 1e6);
        return String.format(Locale.ROOT, "%s: %s; %s (%d pages written, %d copies, %s)",
                r.ring() ? r.strategy() : r.line(), rates, check(r), r.pagesWritten(),
                r.migration() == null ? r.harvested() : r.migration().copies(), r.capability())
                + (r.ringOverruns() > 0 ? String.format(Locale.ROOT, "; KERNEL RING OVERRUN: %d passes found a whole ring DIRTY "
                + "(pushed past the soft limit), %d ring-full exits with nothing DIRTY to harvest", r.ringOverruns(),
                r.emptyRingFullExits()) : "");
    }

    /** The checks in words: the migration check, the payloads, the reset counts. */
    static String check(KvmRecord r) {
        if (r.violations() == 0) {
            return "every written page reported, every final page equal to its last copy";
        }
        return r.violations() + " VIOLATIONS (" + (r.migration() == null ? "lost pages " + r.lostPages()
                : r.migration().differences() + " pages differ from their last copy, " + r.lostPages() + " never reported")
                + (r.ring() ? ", bad payloads " + r.outOfRange() + ", reset mismatches " + r.resetMismatches() : "") + ")";
    }
}
