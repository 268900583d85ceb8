package org.ringorder.kvm;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.ringorder.ring.DirtyRing;
import org.ringorder.strategy.Flag;
import org.ringorder.strategy.UserspaceSide;

/**
 * A guest of the project's own under the kernel's dirty tracking, checked as a migration would
 * need it. vCPU threads run the guest (KVM_RUN); a collector runs cycles of the mechanism's
 * {@link DirtyTracker} (the ring, harvested with the strategy's userspace side over the mmapped
 * rings, then KVM_RESET_DIRTY_RINGS; or the bitmap, KVM_GET_DIRTY_LOG then KVM_CLEAR_DIRTY_LOG)
 * and copies each page it reports ({@link MigrationCopy}). On KVM_EXIT_DIRTY_RING_FULL the vCPU
 * thread runs the cycle itself before re-entering (QEMU's way). At the end the vCPUs stop, one
 * last cycle runs, and every page's content must equal its last copy.
 *
 * <p>Before the tracked VM and after it, a VM with no tracking runs the same guest for an eighth of
 * the time each (a quarter in all, 0.25 s to 2 s): the baseline of the guest's slowdown. Costs are CPU time
 * ({@code CLOCK_THREAD_CPUTIME_ID}: user, kernel and guest time of the thread), so a thread
 * descheduled on this small machine does not count as work. The first quarter of each phase is
 * warm-up, left out of every figure (the guest's first touches of fresh memory, the JIT, and with
 * KVM_DIRTY_LOG_INITIALLY_SET the cycle that reports and protects the whole slot); the ring's
 * harvest is compiled before the phase starts ({@link RingTracker#warmUp}). Empty cycles count
 * too: a bitmap get that finds nothing still reads the slot.
 */
public final class KvmRun {
    /** Data slot id as the kernel reports it in each entry (as_id 0). */
    static final int DATA_SLOT = 1;
    /** A KVM_RUN that has not returned after this long is kicked and the run fails (tests shorten it). */
    static final long RUN_LIMIT_NANOS = Long.getLong("ringorder.kvm.runLimitSeconds", 10) * 1_000_000_000L;
    /** Makes every guest spin without writing or exiting (tests: the time limit must end it). */
    static final boolean HANGING_GUEST = Boolean.getBoolean("ringorder.kvm.hangingGuest");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The guest's page sequence: p = (p * a + c) mod 2^k. */
    public enum Pattern implements Flag {
        SEQUENTIAL(1, 1), STRIDE(1, 17), RANDOM(1103515245, 12345);

        final int a;
        final int c;

        Pattern(int a, int c) {
            this.a = a;
            this.c = c;
        }

        @Override
        public String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Pattern byName(String name) {
            return Flag.byFlag(Pattern.class, name, "--pattern");
        }
    }

    /**
     * One run's shape. The guest writes {@code dirtyMiB} of the {@code dataMiB} slot (each vCPU its
     * share), {@code writesPerExit} words between exits; with {@code exitIntervalMicros} > 0 the
     * vCPU thread holds each exit until the next tick, fixing the dirty rate at writesPerExit per
     * tick per vCPU; 0 lets the guest run flat out. The collector sleeps {@code reapIntervalMicros}
     * between cycles (0: continuously). {@code clearChunkPages} is the bitmap's clear span.
     */
    public record Setting(int vcpus, int ringEntries, int dataMiB, int dirtyMiB, Pattern pattern, long millis,
                          long reapIntervalMicros, long exitIntervalMicros, int writesPerExit, long clearChunkPages, Break brk) {
        /** Tick rate times writes per tick times vCPUs; 0 when unpaced. */
        public double targetWritesPerSecond() {
            return exitIntervalMicros == 0 ? 0 : 1e6 / exitIntervalMicros * writesPerExit * vcpus;
        }
    }

    /** The ring's own figures (absent for the bitmap). */
    public record RingFigures(long resetCalls, long resetEntries, long resetMismatches, Histogram resetNanos, long ringFullExits,
                              long emptyRingFullExits, long ringOverruns, long outOfRange) {
    }

    /**
     * What a run measured and checked. {@code cycles}, {@code collectCpuNanos}, {@code cycleNanos}
     * and {@code pagesCollected} cover the cycles after the warm-up quarter; {@code guestWrites}
     * all the tracked guest's writes, {@code warmWrites} and {@code guestCpuNanos} its writes and
     * KVM_RUN CPU time after the warm-up, {@code baseline*} the untracked guest's.
     */
    public record Result(String capability, long millis, long cycles, long pagesCollected, long collectCpuNanos,
                         long ioctls, long ioctlNanos, Histogram cycleNanos, long guestWrites, long warmWrites, long guestCpuNanos,
                         long baselineWrites, long baselineCpuNanos, MigrationCopy.Check migration, RingFigures ring) {
        public double guestNanosPerWrite() {
            return warmWrites == 0 ? Double.NaN : (double) guestCpuNanos / warmWrites;
        }

        public double baselineNanosPerWrite() {
            return baselineWrites == 0 ? Double.NaN : (double) baselineCpuNanos / baselineWrites;
        }
    }

    private final Setting setting;
    private final long pages;
    private final long dirtyPages;
    private final Object cycleLock = new Object();
    private final Histogram cycleNanos = new Histogram(3_600_000_000_000L, 3);
    private long cycles;
    /** Cycles before this instant are the warm-up (the first quarter of the tracked run): not counted. */
    private long countFrom = Long.MAX_VALUE;
    private long pagesCollected;
    private long collectCpuNanos;
    private long emptyRingFullExits;
    private volatile boolean stop;

    private KvmRun(Setting setting, long pages, long dirtyPages) {
        this.setting = setting;
        this.pages = pages;
        this.dirtyPages = dirtyPages;
    }

    /** The ring, harvested with {@code vmm}; throws IllegalStateException (one line) when KVM refuses or the guest fails. */
    public static Result ring(UserspaceSide vmm, Setting s) throws InterruptedException {
        long[] caps = Kvm.probe();
        boolean acqRel = caps[1] > 0;
        long max = acqRel ? caps[1] : caps[0];
        DirtyRing.checkSize(s.ringEntries());
        long pageSize = Kvm.pageSize();
        if ((long) s.ringEntries() * 16 < pageSize) {
            throw new IllegalArgumentException("ring size " + s.ringEntries() + " is under one page of " + pageSize / 1024
                    + " KiB (the kernel's minimum): use " + pageSize / 16 + " or more");
        }
        if ((long) s.ringEntries() * 16 > max) {
            throw new IllegalArgumentException("ring size " + s.ringEntries() + " exceeds this kernel's maximum of " + max / 16 + " entries");
        }
        KvmRun r = KvmRun.of(s);
        RingTracker.warmUp(vmm, s.ringEntries(), r.pages);
        String cap = acqRel ? "KVM_CAP_DIRTY_LOG_RING_ACQ_REL" : "KVM_CAP_DIRTY_LOG_RING";
        return r.go(acqRel ? Kvm.TRACK_RING_ACQ_REL : Kvm.TRACK_RING_TSO,
                vm -> new RingTracker(vm, vmm, s.vcpus(), s.ringEntries(), r.pages, s.brk(), cap));
    }

    /** The bitmap in {@code mode}; throws as {@link #ring}. */
    public static Result bitmap(BitmapMode mode, Setting s) throws InterruptedException {
        if (!BitmapMode.offered(Kvm.probe()[3]).contains(mode)) {
            throw new IllegalArgumentException("this kernel does not offer the bitmap's " + mode.flag() + " mode");
        }
        KvmRun r = KvmRun.of(s);
        return r.go(mode.tracking, vm -> new BitmapTracker(vm, mode, s.brk(), r.pages, s.clearChunkPages()));
    }

    private static KvmRun of(Setting s) {
        long pageSize = Kvm.pageSize();
        long pages = ((long) s.dataMiB() << 20) / pageSize;
        long dirty = ((long) s.dirtyMiB() << 20) / pageSize;
        if (pages == 0 || pages % s.vcpus() != 0 || Long.bitCount(pages / s.vcpus()) != 1 || (pages & 63) != 0) {
            throw new IllegalArgumentException("--mib " + s.dataMiB() + " over " + s.vcpus() + " vCPUs of " + pageSize / 1024
                    + " KiB pages: each vCPU's share must be a power of two of pages, 64 or more (e.g. 256 MiB over 1, 2 or 4 vCPUs)");
        }
        if (dirty < s.vcpus() || dirty > pages || Long.bitCount(dirty / s.vcpus()) != 1) {
            throw new IllegalArgumentException("--dirty-mib " + s.dirtyMiB() + " over " + s.vcpus() + " vCPUs: a power of two of "
                    + "pages per vCPU, at most --mib " + s.dataMiB());
        }
        long maxMiB = Kvm.maxDataBytes() >> 20;
        if (s.dataMiB() > maxMiB) {
            throw new IllegalArgumentException("--mib " + s.dataMiB() + " exceeds the " + Kvm.backend() + " guest's memory map: at most "
                    + maxMiB + " MiB");
        }
        return new KvmRun(s, pages, dirty);
    }

    private interface TrackerFactory {
        DirtyTracker of(long vm);
    }

    private Result go(int tracking, TrackerFactory trackers) throws InterruptedException {
        // the untracked baseline before and after the tracked run, half each: a drift over the process (the JIT's
        // threads early on, the host) falls on both sides of the comparison alike
        long baselineMillis = Math.max(250, Math.min(2_000, setting.millis() / 4)) / 2;
        long[] before = guestOnly(baselineMillis);
        Result tracked = tracked(tracking, trackers);
        long[] after = guestOnly(baselineMillis);
        return new Result(tracked.capability(), tracked.millis(), tracked.cycles(), tracked.pagesCollected(), tracked.collectCpuNanos(),
                tracked.ioctls(), tracked.ioctlNanos(), tracked.cycleNanos(), tracked.guestWrites(), tracked.warmWrites(),
                tracked.guestCpuNanos(), before[0] + after[0], before[1] + after[1], tracked.migration(), tracked.ring());
    }

    private Result tracked(int tracking, TrackerFactory trackers) throws InterruptedException {
        long vm = Kvm.create(setting.vcpus(), setting.ringEntries(), (long) setting.dataMiB() << 20, tracking);
        try {
            DirtyTracker tracker = trackers.of(vm);
            MigrationCopy copy = new MigrationCopy(Kvm.data(vm), pages, Kvm.pageSize());
            long[] ringFull = new long[setting.vcpus()];
            long[] guest = new long[2]; // writes and KVM_RUN CPU ns after the warm-up
            long start = System.nanoTime();
            countFrom = start + setting.millis() * 1_000_000 / 4;
            runGuests(vm, setting.millis(), ringFull, guest, tracker, copy);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            synchronized (cycleLock) {
                tracker.collect(); // the last cycle: the vCPUs are out of the guest, every page they dirtied is reported
                tracker.send(copy::send);
                tracker.finish();
            }
            long writes = 0;
            for (int i = 0; i < setting.vcpus(); i++) {
                writes += Kvm.writes(vm, i);
            }
            RingFigures ring = null;
            if (tracker instanceof RingTracker rt) {
                long full = 0;
                for (long f : ringFull) {
                    full += f;
                }
                ring = new RingFigures(rt.resetCalls(), rt.resetEntries(), rt.mismatches(), rt.resetNanos(), full, emptyRingFullExits,
                        rt.ringOverruns(), rt.outOfRange());
            }
            return new Result(tracker.capability(), elapsed, cycles, pagesCollected, collectCpuNanos, tracker.ioctls(),
                    tracker.ioctlNanos(), cycleNanos, writes, guest[0], guest[1], 0, 0, copy.check(), ring);
        } finally {
            Kvm.destroy(vm);
        }
    }

    /** The same guest with no tracking for {@code millis}: [writes, KVM_RUN CPU ns] after its warm-up. */
    private long[] guestOnly(long millis) throws InterruptedException {
        long vm = Kvm.create(setting.vcpus(), 0, (long) setting.dataMiB() << 20, Kvm.TRACK_NONE);
        try {
            long[] guest = new long[2];
            runGuests(vm, millis, new long[setting.vcpus()], guest, null, null);
            return guest;
        } finally {
            Kvm.destroy(vm);
        }
    }

    /**
     * Runs the vCPUs (and, with a tracker, the collector) for {@code millis}, then stops them; adds
     * the writes and the vCPU threads' KVM_RUN CPU time after the first quarter (the guest's first
     * touches of fresh memory) to {@code guest[0]} and {@code guest[1]}. Throws IllegalStateException
     * when a vCPU or the collector failed.
     */
    private void runGuests(long vm, long millis, long[] ringFull, long[] guest, DirtyTracker tracker, MigrationCopy copy)
            throws InterruptedException {
        stop = false;
        int vcpus = setting.vcpus();
        long share = pages / vcpus;
        long dirtyShare = dirtyPages / vcpus;
        int bits = Long.numberOfTrailingZeros(dirtyShare);
        for (int i = 0; i < vcpus; i++) {
            Kvm.guest(vm, i, i * share, bits, setting.pattern().a, setting.pattern().c, HANGING_GUEST ? -1 : setting.writesPerExit());
        }
        // the host touches the dirty set first (a write of 0, which no check counts and no log sees): the untracked
        // guest's short run would otherwise pay the host's page allocation on most of its writes, the tracked one on few
        ByteBuffer data = Kvm.data(vm);
        long pageSize = Kvm.pageSize();
        for (int i = 0; i < vcpus; i++) {
            for (long p = i * share; p < i * share + dirtyShare; p++) {
                data.putInt((int) (p * pageSize), 0);
            }
        }
        Thread[] threads = new Thread[vcpus];
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLongArray entered = new AtomicLongArray(vcpus);
        AtomicLongArray guestCpu = new AtomicLongArray(vcpus);
        AtomicLongArray writesAtWarm = new AtomicLongArray(vcpus);
        for (int i = 0; i < vcpus; i++) {
            writesAtWarm.set(i, -1);
        }
        long tick = setting.exitIntervalMicros() * 1000;
        long warmAt = System.nanoTime() + millis * 1_000_000 / 4;
        for (int i = 0; i < vcpus; i++) {
            final int v = i;
            threads[i] = new Thread(() -> {
                try {
                    long next = System.nanoTime();
                    boolean warm = false;
                    while (!stop) {
                        entered.set(v, System.nanoTime());
                        long cpu0 = THREADS.getCurrentThreadCpuTime();
                        int exit = Kvm.run(vm, v);
                        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
                        entered.set(v, 0);
                        if (warm) {
                            guestCpu.addAndGet(v, cpu);
                        } else if (System.nanoTime() >= warmAt) { // the first quarter touched fresh memory: left out
                            warm = true;
                            writesAtWarm.set(v, Kvm.writes(vm, v));
                        }
                        if (exit == Kvm.EXIT_PERIODIC) {
                            if (tick > 0) { // hold the exit until the next tick: a fixed dirty rate
                                next += tick;
                                long wait = next - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                } else {
                                    next = System.nanoTime(); // behind: the guest cannot keep this rate
                                }
                            }
                        } else if (exit == Kvm.EXIT_RING_FULL) {
                            ringFull[v]++;
                            if (cycle(tracker, copy) == 0) {
                                synchronized (cycleLock) {
                                    emptyRingFullExits++; // the kernel says full, yet no entry is DIRTY at the fetch index
                                }
                            }
                        } else if (exit == Kvm.EXIT_KICKED) {
                            if (!stop) {
                                failure.compareAndSet(null, "vCPU " + v + ": KVM_RUN did not return within "
                                        + RUN_LIMIT_NANOS / 1_000_000_000 + " s: the guest hangs; stopped");
                            }
                            return;
                        } else if (exit == Kvm.EXIT_GUEST_FAULT) {
                            failure.compareAndSet(null, "vCPU " + v + ": the guest took an exception (ESR_EL1 0x"
                                    + Long.toHexString(Kvm.fault(vm, v)) + ")");
                            return;
                        } else if (exit < 0) {
                            failure.compareAndSet(null, "vCPU " + v + ": the guest crashed (KVM exit reason " + (-exit - 100) + ")");
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, "vCPU " + v + ": " + e.getMessage());
                }
            }, "vcpu-" + v);
        }
        long reapNanos = setting.reapIntervalMicros() * 1000;
        Thread collector = tracker == null ? null : new Thread(() -> {
            try {
                while (!stop) {
                    if (reapNanos > 0) {
                        LockSupport.parkNanos(reapNanos);
                        cycle(tracker, copy);
                    } else if (cycle(tracker, copy) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, "collector: " + e.getMessage());
            }
        }, "collector");
        // Ctrl-C: get the vCPUs out of KVM_RUN before the JVM goes (the kernel frees the VM with the process)
        Thread onInterrupt = new Thread(() -> {
            stop = true;
            try {
                joinOrKick(threads, vm);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            long start = System.nanoTime();
            for (Thread t : threads) {
                t.start();
            }
            if (collector != null) {
                collector.start();
            }
            long end = start + millis * 1_000_000;
            while (System.nanoTime() < end && failure.get() == null) {
                Thread.sleep(20);
                long now = System.nanoTime();
                for (int i = 0; i < vcpus; i++) {
                    long at = entered.get(i);
                    if (at != 0 && now - at > RUN_LIMIT_NANOS) {
                        Kvm.kick(vm, i);
                    }
                }
            }
        } finally {
            stop = true;
            joinOrKick(threads, vm); // the vCPUs first: a cycle still running then sees the guest's last writes
            if (collector != null) {
                collector.join(10_000);
            }
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        for (int i = 0; i < vcpus; i++) {
            guest[1] += guestCpu.get(i);
            if (writesAtWarm.get(i) >= 0) { // a vCPU whose warm-up never ended adds nothing
                guest[0] += Kvm.writes(vm, i) - writesAtWarm.get(i);
            }
        }
    }

    /**
     * One collection cycle and its copy; returns the pages collected. One caller at a time: the
     * collector, or a vCPU thread on a ring-full exit (QEMU's slots lock).
     */
    private int cycle(DirtyTracker tracker, MigrationCopy copy) {
        synchronized (cycleLock) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = tracker.collect();
            long took = System.nanoTime() - t0;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            if (t0 >= countFrom) { // an empty cycle costs too: the bitmap's get reads the whole slot
                cycles++;
                cycleNanos.recordValue(Math.max(1, took));
                collectCpuNanos += cpu;
                pagesCollected += n;
            }
            if (n > 0) {
                tracker.send(copy::send);
            }
            return n;
        }
    }

    private static void joinOrKick(Thread[] threads, long vm) throws InterruptedException {
        for (int i = 0; i < threads.length; i++) {
            Thread t = threads[i];
            if (t == null || !t.isAlive()) {
                continue;
            }
            t.join(2_000);
            while (t.isAlive()) {
                Kvm.kick(vm, i);
                t.join(1_000);
            }
        }
    }
}
