package org.ringorder.parts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.UserError;
import org.ringorder.kvm.Break;
import org.ringorder.kvm.Kvm;
import org.ringorder.kvm.KvmCapabilities;
import org.ringorder.kvm.KvmMain;
import org.ringorder.kvm.KvmRun;
import org.ringorder.kvm.Mechanism;
import org.ringorder.launch.Jvm;
import org.ringorder.ring.DirtyRing;
import org.ringorder.strategy.Strategies;

/**
 * The kvm part's settings as a user gives them, each default written once here: {@link #schedule}
 * checks them and makes the runs (each line, at each workload, repeated). {@code ringorder kvm}
 * fills them from its options; run's kvm part takes {@link #ring} and {@link #sweep}. A null list
 * or interval takes its default for the mechanisms run: the ring alone runs flat out, the ring
 * against the bitmap runs a paced guest so that both see the same dirty rate.
 */
public final class KvmSettings {
    public static final int SECONDS = 5;
    public static final int VCPUS = 1;
    public static final int RING_SIZE = 4096;
    public static final int MIB = 256;
    public static final int WRITES_PER_EXIT = 4096;
    public static final String WRITE_PATTERN = "sequential";
    /** The bitmap's KVM_CLEAR_DIRTY_LOG span: QEMU's clear-bitmap-shift 18 (1 GiB of 4 KiB pages). */
    public static final int CLEAR_CHUNK_MIB = 1024;
    /** Comparing mechanisms: the dirty set, the writes per exit, the exit tick and the collector's sleep. */
    public static final int COMPARING_DIRTY_MIB = 64;
    public static final int COMPARING_WRITES_PER_EXIT = 32;
    public static final int COMPARING_EXIT_INTERVAL_US = 1000;
    public static final int COMPARING_REAP_INTERVAL_US = 10_000;
    /** {@code --sweep}: slot sizes at the base dirty rate, then dirty rates at the base slot size. */
    static final List<Integer> SWEEP_MIB = List.of(256, 64, 1024);
    static final List<Integer> SWEEP_WRITES_PER_EXIT = List.of(32, 8, 96);
    public static final int SWEEP_REPEAT = 5;
    /** The sweep's workloads: the base, then each other slot size and each other rate. */
    public static final int SWEEP_SETTINGS = SWEEP_MIB.size() + SWEEP_WRITES_PER_EXIT.size() - 1;
    /** Seconds per process of the sweep in run's full profile. */
    public static final double SWEEP_SECONDS_IN_RUN = 1;
    /** The largest slot: the Java side's direct buffers index bytes with int (2 GiB less one), and sizes are powers of two. */
    public static final int MAX_MIB = 1024;

    public List<String> mechanisms = List.of(Mechanism.RING.flag());
    public List<String> strategies = Strategies.NAMES;
    public double seconds = SECONDS;
    public int vcpus = VCPUS;
    public int ringSize = RING_SIZE;
    /** Null: {@link #MIB}, or the sweep's. */
    public List<Integer> mib;
    /** Null: the whole slot, or {@link #COMPARING_DIRTY_MIB}. */
    public List<Integer> dirtyMib;
    /** Null: {@link #WRITES_PER_EXIT}, {@link #COMPARING_WRITES_PER_EXIT}, or the sweep's. */
    public List<Integer> writesPerExit;
    /** Null: 0 (unpaced), or {@link #COMPARING_EXIT_INTERVAL_US}. */
    public Long exitIntervalMicros;
    /** Null: 0 (continuously), or {@link #COMPARING_REAP_INTERVAL_US}. */
    public Long reapIntervalMicros;
    public String writePattern = WRITE_PATTERN;
    public int clearChunkMiB = CLEAR_CHUNK_MIB;
    /** Null: 1, or {@link #SWEEP_REPEAT}. */
    public Integer repeat;
    /** Both mechanisms over {@link #SWEEP_MIB} and {@link #SWEEP_WRITES_PER_EXIT}. */
    public boolean sweep;
    /** Each a line set of its own (test only): none, or wrong collections the migration check must catch. */
    public List<String> broken = List.of(Break.NONE.flag());

    /** The ring alone, as run's kvm part runs it first: one process per strategy, flat out, {@code seconds} each. */
    public static KvmSettings ring(List<String> strategies, double seconds) {
        KvmSettings s = new KvmSettings();
        s.strategies = strategies;
        s.seconds = seconds;
        return s;
    }

    /** {@code --sweep} at its defaults, {@code seconds} per process. */
    public static KvmSettings sweep(List<String> strategies, double seconds) {
        KvmSettings s = ring(strategies, seconds);
        s.sweep = true;
        return s;
    }

    /**
     * What to run: the mechanisms, the strategies, the workloads (one factor at a time), the
     * repetitions, and the collections (unbroken, or each wrong one on its own mechanism's lines).
     */
    public record Schedule(List<Mechanism> mechanisms, List<String> strategies, List<KvmRun.Workload> workloads, int repeat,
                           List<Break> breaks) {
        /** Between a line and the wrong collection it runs, e.g. ring:plain@drop-last. */
        private static final String BROKEN_BY = "@";

        public boolean ringOnly() {
            return mechanisms.equals(List.of(Mechanism.RING));
        }

        /** ring:STRATEGY for each strategy, bitmap:MODE for each mode the kernel offers; @BREAK for each wrong collection. */
        List<String> lines(KvmCapabilities caps) {
            List<String> lines = new ArrayList<>();
            for (Break b : breaks) {
                String suffix = b == Break.NONE ? "" : BROKEN_BY + b.flag();
                if (mechanisms.contains(Mechanism.RING) && b.mechanism() != Mechanism.BITMAP) {
                    strategies.forEach(s -> lines.add("ring:" + s + suffix));
                }
                if (mechanisms.contains(Mechanism.BITMAP) && b.mechanism() != Mechanism.RING) {
                    caps.bitmapModes().forEach(m -> lines.add("bitmap:" + m.flag() + suffix));
                }
            }
            return lines;
        }

        /** The child's arguments for one line: its mechanism line, the workload with its collection. */
        private static List<String> args(String line, KvmRun.Workload w, int repetition) {
            int at = line.indexOf(BROKEN_BY);
            return at < 0 ? KvmMain.args(line, w, repetition)
                    : KvmMain.args(line.substring(0, at), w.broken(Break.byName(line.substring(at + 1))), repetition);
        }

        /** One JVM per line, workload and repetition, the repetitions outermost (each line's processes spread over the run). */
        public List<KvmRecord> run(Jvm jvm, String pin, Path dir, Consumer<String> say) {
            List<String> lines = lines(Kvm.probe());
            List<KvmRecord> all = new ArrayList<>();
            for (int rep = 1; rep <= repeat; rep++) {
                for (KvmRun.Workload w : workloads) {
                    int r = rep;
                    all.addAll(StrategyJvms.run("kvm", "org.ringorder.kvm.KvmMain", KvmRecord.class, jvm, pin, lines,
                            line -> args(line, w, r), describe(w, rep), w.millis() / 1000.0 * 1.25 + 2.5, dir, say));
                }
            }
            return all;
        }

        private String describe(KvmRun.Workload w, int rep) {
            return String.format(Locale.ROOT, "%s s, %d vCPU(s), %d MiB slot, %d MiB dirty, %d writes per exit%s, %s%s",
                    w.millis() / 1000.0, w.vcpus(), w.dataMiB(), w.dirtyMiB(), w.writesPerExit(),
                    w.exitIntervalMicros() == 0 ? "" : " every " + w.exitIntervalMicros() + " us", w.pattern().flag(),
                    repeat > 1 ? ", process " + rep + " of " + repeat : "");
        }
    }

    /** The runs these settings make, every value checked (a {@link UserError} naming the option otherwise). */
    public Schedule schedule() {
        List<Mechanism> kinds = sweep ? List.of(Mechanism.RING, Mechanism.BITMAP) : mechanisms.stream()
                .map(m -> checked(() -> Mechanism.byName(m))).distinct().toList();
        strategies.forEach(s -> checked(() -> Strategies.byName(s)));
        boolean comparing = kinds.contains(Mechanism.BITMAP);
        List<Integer> mibs = mib != null ? mib : sweep ? SWEEP_MIB : List.of(MIB);
        List<Integer> dirty = dirtyMib != null ? dirtyMib : comparing ? List.of(COMPARING_DIRTY_MIB) : null;
        List<Integer> wpe = writesPerExit != null ? writesPerExit
                : sweep ? SWEEP_WRITES_PER_EXIT : List.of(comparing ? COMPARING_WRITES_PER_EXIT : WRITES_PER_EXIT);
        long exitUs = exitIntervalMicros != null ? exitIntervalMicros : comparing ? COMPARING_EXIT_INTERVAL_US : 0;
        long reapUs = reapIntervalMicros != null ? reapIntervalMicros : comparing ? COMPARING_REAP_INTERVAL_US : 0;
        int reps = repeat != null ? repeat : sweep ? SWEEP_REPEAT : 1;
        List<Break> breaks = broken.stream().map(b -> checked(() -> Break.byName(b))).distinct().toList();
        KvmRun.WritePattern pattern = checked(() -> KvmRun.WritePattern.byName(writePattern));
        for (Break b : breaks) {
            if (b.mechanism() != null && !kinds.contains(b.mechanism())) {
                throw new UserError("--break " + b.flag() + " breaks the " + b.mechanism().flag() + ", which --mechanism does not run");
            }
        }
        checkSeconds(seconds);
        checkVcpus(vcpus);
        checked(() -> DirtyRing.checkSize(ringSize));
        checkRange("--exit-interval-us", exitUs, 0, 1_000_000);
        checkRange("--reap-interval-us", reapUs, 0, 10_000_000);
        checkRange("--repeat", reps, 1, 100);
        if (clearChunkMiB < 1 || Integer.bitCount(clearChunkMiB) != 1) {
            throw new UserError("--clear-chunk-mib " + clearChunkMiB + " is not a power of two of 1 or more");
        }
        for (int w : wpe) {
            checkRange("--writes-per-exit", w, 1, 1 << 24);
        }
        long available = availableMiB();
        for (int m : mibs) {
            checkMib(m, available);
        }
        long chunkPages = Math.max(64, ((long) clearChunkMiB << 20) / pageSize());
        List<KvmRun.Workload> workloads = new ArrayList<>();
        for (int[] p : oneFactorAtATime(mibs, dirty, wpe)) {
            if (p[1] < 1 || p[1] > p[0] || Integer.bitCount(p[1]) != 1) {
                throw new UserError("--dirty-mib " + p[1] + " is not a power of two in 1..--mib " + p[0]);
            }
            workloads.add(new KvmRun.Workload(vcpus, ringSize, p[0], p[1], pattern, Math.round(seconds * 1000), reapUs, exitUs, p[2],
                    chunkPages, Break.NONE));
        }
        return new Schedule(kinds, strategies, workloads, reps, breaks);
    }

    /**
     * [slot MiB, dirty MiB, writes per exit] points around the first value of each list: the base,
     * then each other value of one list with the others at their base. No dirty list: the whole slot.
     */
    private static List<int[]> oneFactorAtATime(List<Integer> mibs, List<Integer> dirty, List<Integer> wpe) {
        int baseDirty = dirty == null ? mibs.get(0) : dirty.get(0);
        List<int[]> points = new ArrayList<>();
        points.add(new int[] {mibs.get(0), baseDirty, wpe.get(0)});
        mibs.stream().skip(1).forEach(m -> points.add(new int[] {m, dirty == null ? m : baseDirty, wpe.get(0)}));
        if (dirty != null) {
            dirty.stream().skip(1).forEach(d -> points.add(new int[] {mibs.get(0), d, wpe.get(0)}));
        }
        wpe.stream().skip(1).forEach(w -> points.add(new int[] {mibs.get(0), baseDirty, w}));
        return points;
    }

    private interface Lookup<T> {
        T get();
    }

    /** A name looked up, its IllegalArgumentException as the user's error. */
    private static <T> T checked(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    static void checkSeconds(double seconds) {
        if (!(seconds > 0 && seconds <= 86_400)) {
            throw new UserError("--seconds " + seconds + " is out of range: expected more than 0, at most 86400");
        }
    }

    static void checkVcpus(int vcpus) {
        if (vcpus < 1 || vcpus > 64 || Integer.bitCount(vcpus) != 1) {
            throw new UserError("--vcpus " + vcpus + " is not a power of two in 1..64");
        }
    }

    private static void checkRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UserError(option + " " + value + " is out of range: expected " + min + ".." + max);
        }
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
    private static long pageSize() {
        try {
            return Kvm.pageSize();
        } catch (UnsatisfiedLinkError e) {
            return 4096;
        }
    }

    /** MemAvailable from /proc/meminfo, in MiB; 0 when unknown. */
    private static long availableMiB() {
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
}
