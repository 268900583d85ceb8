package org.ringorder.kvm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.ringorder.evidence.Emulation;
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

    /** The guest's write pattern, its page sequence: p = (p * a + c) mod 2^k. */
    public enum WritePattern implements Flag {
        SEQUENTIAL(1, 1), STRIDE(1, 17), RANDOM(1103515245, 12345);

        final int a;
        final int c;

        WritePattern(int a, int c) {
            this.a = a;
            this.c = c;
        }

        @Override
        public String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static WritePattern byName(String name) {
            return Flag.byFlag(WritePattern.class, name, "--write-pattern");
        }
    }

    /**
     * The guest's workload and the collector's settings. The guest writes {@code dirtyMiB} of the
     * {@code dataMiB} slot (each vCPU its share) in {@code pattern}, {@code writesPerExit} words
     * between exits; with {@code exitIntervalMicros} > 0 the vCPU thread holds each exit until the
     * next tick, fixing the dirty rate at writesPerExit per tick per vCPU; 0 lets the guest run
     * flat out. The collector sleeps {@code reapIntervalMicros} between cycles (0: continuously);
     * {@code ringEntries} is each vCPU's ring, {@code clearChunkPages} the bitmap's clear span.
     */
    public record Workload(int vcpus, int ringEntries, int dataMiB, int dirtyMiB, WritePattern pattern, long millis,
                           long reapIntervalMicros, long exitIntervalMicros, int writesPerExit, long clearChunkPages, Break brk) {
        /** Tick rate times writes per tick times vCPUs; 0 when unpaced. */
        public double targetWritesPerSecond() {
            return exitIntervalMicros == 0 ? 0 : 1e6 / exitIntervalMicros * writesPerExit * vcpus;
        }

        /** The same workload collected the wrong way {@code brk} says (or the right one: {@link Break#NONE}). */
        public Workload broken(Break brk) {
            return new Workload(vcpus, ringEntries, dataMiB, dirtyMiB, pattern, millis, reapIntervalMicros, exitIntervalMicros,
                    writesPerExit, clearChunkPages, brk);
        }
    }

    /** The ring's own figures (absent for the bitmap). */
    public record RingFigures(long resetCalls, long resetEntries, long resetMismatches, Histogram resetNanos, long ringFullExits,
                              long emptyRingFullExits, long ringOverruns, long outOfRange) {
    }

    /** The vCPUs' guest writes and KVM_RUN CPU time after a phase's warm-up quarter. */
    public record GuestTime(long writes, long cpuNanos) {
        GuestTime plus(GuestTime o) {
            return new GuestTime(writes + o.writes, cpuNanos + o.cpuNanos);
        }

        double nanosPerWrite() {
            return writes == 0 ? Double.NaN : (double) cpuNanos / writes;
        }
    }

    /**
     * What a run measured and checked. {@code cycles}, {@code collectCpuNanos}, {@code cycleNanos}
     * and {@code pagesCollected} cover the cycles after the warm-up quarter; {@code guestWrites}
     * all the tracked guest's writes, {@code warmGuest} its writes and KVM_RUN CPU time after the
     * warm-up, {@code baseline} the untracked guest's.
     */
    public record Result(String capability, long millis, long cycles, long pagesCollected, long collectCpuNanos,
                         long ioctls, long ioctlNanos, Histogram cycleNanos, long guestWrites, GuestTime warmGuest, GuestTime baseline,
                         MigrationCopy.Check migration, RingFigures ring) {
        public double guestNanosPerWrite() {
            return warmGuest.nanosPerWrite();
        }

        public double baselineNanosPerWrite() {
            return baseline.nanosPerWrite();
        }

        Result withBaseline(GuestTime b) {
            return new Result(capability, millis, cycles, pagesCollected, collectCpuNanos, ioctls, ioctlNanos, cycleNanos, guestWrites,
                    warmGuest, b, migration, ring);
        }
    }

    private final Workload workload;
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

    private KvmRun(Workload workload, long pages, long dirtyPages) {
        this.workload = workload;
        this.pages = pages;
        this.dirtyPages = dirtyPages;
    }

    /** The ring, harvested with {@code vmm}; throws IllegalStateException (one line) when KVM refuses or the guest fails. */
    public static Result ring(UserspaceSide vmm, Workload w) throws InterruptedException {
        KvmCapabilities caps = Kvm.probe();
        checkRingSize(w.ringEntries(), caps);
        KvmRun r = KvmRun.of(w);
        RingTracker.warmUp(vmm, w.ringEntries(), r.pages);
        return r.go(caps.ringTracking(),
                vm -> new RingTracker(vm, vmm, w.vcpus(), w.ringEntries(), r.pages, w.brk(), caps.ringCapability()));
    }

    /** The bitmap in {@code mode}; throws as {@link #ring}. */
    public static Result bitmap(BitmapMode mode, Workload w) throws InterruptedException {
        if (!Kvm.probe().bitmapModes().contains(mode)) {
            throw new IllegalArgumentException("this kernel does not offer the bitmap's " + mode.flag() + " mode");
        }
        KvmRun r = KvmRun.of(w);
        return r.go(mode.tracking, vm -> new BitmapTracker(vm, mode, w.brk(), r.pages, w.clearChunkPages()));
    }

    /** A ring of 16-byte entries spans a page at least (the kernel's minimum) and at most the capability's maximum. */
    private static void checkRingSize(int entries, KvmCapabilities caps) {
        DirtyRing.checkSize(entries);
        long pageSize = Kvm.pageSize();
        if ((long) entries * 16 < pageSize) {
            throw new IllegalArgumentException("ring size " + entries + " is under one page of " + pageSize / 1024
                    + " KiB (the kernel's minimum): use " + pageSize / 16 + " or more");
        }
        if ((long) entries * 16 > caps.maxRingBytes()) {
            throw new IllegalArgumentException("ring size " + entries + " exceeds this kernel's maximum of " + caps.maxRingBytes() / 16
                    + " entries");
        }
    }

    private static KvmRun of(Workload w) {
        long pageSize = Kvm.pageSize();
        long pages = ((long) w.dataMiB() << 20) / pageSize;
        long dirty = ((long) w.dirtyMiB() << 20) / pageSize;
        if (pages == 0 || pages % w.vcpus() != 0 || Long.bitCount(pages / w.vcpus()) != 1 || (pages & 63) != 0) {
            throw new IllegalArgumentException("--mib " + w.dataMiB() + " over " + w.vcpus() + " vCPUs of " + pageSize / 1024
                    + " KiB pages: each vCPU's share must be a power of two of pages, 64 or more (e.g. 256 MiB over 1, 2 or 4 vCPUs)");
        }
        if (dirty < w.vcpus() || dirty > pages || Long.bitCount(dirty / w.vcpus()) != 1) {
            throw new IllegalArgumentException("--dirty-mib " + w.dirtyMiB() + " over " + w.vcpus() + " vCPUs: a power of two of "
                    + "pages per vCPU, at most --mib " + w.dataMiB());
        }
        long maxMiB = Kvm.maxDataBytes() >> 20;
        if (w.dataMiB() > maxMiB) {
            throw new IllegalArgumentException("--mib " + w.dataMiB() + " exceeds the " + Kvm.backend() + " guest's memory map: at most "
                    + maxMiB + " MiB");
        }
        return new KvmRun(w, pages, dirty);
    }

    private interface TrackerFactory {
        DirtyTracker of(long vm);
    }

    private Result go(Kvm.Tracking tracking, TrackerFactory trackers) throws InterruptedException {
        // the untracked baseline before and after the tracked run, half each: a drift over the process (the JIT's
        // threads early on, the host) falls on both sides of the comparison alike
        long baselineMillis = Math.max(250, Math.min(2_000, workload.millis() / 4)) / 2;
        GuestTime before = guestOnly(baselineMillis);
        Result tracked = tracked(tracking, trackers);
        GuestTime after = guestOnly(baselineMillis);
        return tracked.withBaseline(before.plus(after));
    }

    private Result tracked(Kvm.Tracking tracking, TrackerFactory trackers) throws InterruptedException {
        long vm = Kvm.create(workload.vcpus(), workload.ringEntries(), (long) workload.dataMiB() << 20, tracking);
        try {
            DirtyTracker tracker = trackers.of(vm);
            MigrationCopy copy = new MigrationCopy(Kvm.data(vm), pages, Kvm.pageSize());
            long start = System.nanoTime();
            countFrom = start + workload.millis() * 1_000_000 / 4;
            GuestPhase phase = new GuestPhase(vm, workload.millis(), tracker, copy);
            GuestTime warmGuest = phase.run();
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            lastCycle(tracker, copy);
            return new Result(tracker.capability(), elapsed, cycles, pagesCollected, collectCpuNanos, tracker.ioctls(),
                    tracker.ioctlNanos(), cycleNanos, allWrites(vm), warmGuest, new GuestTime(0, 0), copy.check(),
                    ringFigures(tracker, phase.ringFullExits()));
        } finally {
            Kvm.destroy(vm);
        }
    }

    /** The vCPUs are out of the guest: every page they dirtied is reported now. */
    private void lastCycle(DirtyTracker tracker, MigrationCopy copy) {
        synchronized (cycleLock) {
            tracker.collect();
            tracker.send(copy::send);
            tracker.finish();
        }
    }

    private long allWrites(long vm) {
        long writes = 0;
        for (int i = 0; i < workload.vcpus(); i++) {
            writes += Kvm.writes(vm, i);
        }
        return writes;
    }

    /** The ring's own figures, or null for the bitmap. */
    private RingFigures ringFigures(DirtyTracker tracker, long ringFullExits) {
        if (!(tracker instanceof RingTracker rt)) {
            return null;
        }
        synchronized (cycleLock) {
            return new RingFigures(rt.resetCalls(), rt.resetEntries(), rt.mismatches(), rt.resetNanos(), ringFullExits,
                    emptyRingFullExits, rt.ringOverruns(), rt.outOfRange());
        }
    }

    /** The same guest with no tracking for {@code millis}: its writes and KVM_RUN CPU time after its warm-up. */
    private GuestTime guestOnly(long millis) throws InterruptedException {
        long vm = Kvm.create(workload.vcpus(), 0, (long) workload.dataMiB() << 20, Kvm.Tracking.NONE);
        try {
            return new GuestPhase(vm, millis, null, null).run();
        } finally {
            Kvm.destroy(vm);
        }
    }

    /**
     * One VM's vCPUs (and, with a tracker, the collector) for {@code millis}, then stopped. Each
     * vCPU thread's writes and KVM_RUN CPU time count after the first quarter (the guest's first
     * touches of fresh memory). A vCPU that stays in KVM_RUN past {@link #RUN_LIMIT_NANOS} is kicked
     * and fails the phase.
     */
    private final class GuestPhase {
        private final long vm;
        private final long millis;
        private final DirtyTracker tracker;
        private final MigrationCopy copy;
        private final int vcpus = workload.vcpus();
        private final Thread[] threads = new Thread[vcpus];
        private final AtomicReference<String> failure = new AtomicReference<>();
        /** When each vCPU entered KVM_RUN, 0 while it is out. */
        private final AtomicLongArray entered = new AtomicLongArray(vcpus);
        private final AtomicLongArray guestCpu = new AtomicLongArray(vcpus);
        /** Each vCPU's writes when its warm-up ended; -1 until then. */
        private final AtomicLongArray writesAtWarm = new AtomicLongArray(vcpus);
        private final AtomicLong ringFullExits = new AtomicLong();
        /** How long the collector may look for a last cycle with pages, and the guest write on after it (stretched under emulation). */
        private static final Duration TAIL = Duration.ofMillis(100);
        private volatile boolean stop;
        /** 0 while the run's time lasts; then the collector ends after its next cycle that collects pages, or at this nanoTime. */
        private volatile long endingBy;
        private long warmAt;

        GuestPhase(long vm, long millis, DirtyTracker tracker, MigrationCopy copy) {
            this.vm = vm;
            this.millis = millis;
            this.tracker = tracker;
            this.copy = copy;
        }

        /** Runs the phase; throws IllegalStateException when a vCPU or the collector failed. */
        GuestTime run() throws InterruptedException {
            loadGuests();
            touchDirtySet();
            for (int i = 0; i < vcpus; i++) {
                writesAtWarm.set(i, -1);
                int v = i;
                threads[i] = new Thread(() -> vcpuLoop(v), "vcpu-" + v);
            }
            Thread collector = tracker == null ? null : new Thread(this::collectorLoop, "collector");
            // Ctrl-C: get the vCPUs out of KVM_RUN before the JVM goes (the kernel frees the VM with the process)
            Thread onInterrupt = new Thread(this::stopOnExit);
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                warmAt = System.nanoTime() + millis * 1_000_000 / 4;
                for (Thread t : threads) {
                    t.start();
                }
                if (collector != null) {
                    collector.start();
                }
                watchUntil(System.nanoTime() + millis * 1_000_000);
            } finally {
                endingBy = System.nanoTime() + Emulation.stretch(TAIL).toNanos();
                if (collector != null) {
                    collector.join(10_000);
                }
                if (failure.get() == null && !stop) {
                    guestWritesOn();
                }
                stop = true;
                joinOrKick(threads, vm);
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            }
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            return guestTime();
        }

        long ringFullExits() {
            return ringFullExits.get();
        }

        /** Each vCPU's guest on its share of the slot, writing its share of the dirty set. */
        private void loadGuests() {
            long share = pages / vcpus;
            int bits = Long.numberOfTrailingZeros(dirtyPages / vcpus);
            WritePattern p = workload.pattern();
            for (int i = 0; i < vcpus; i++) {
                Kvm.guest(vm, i, i * share, bits, p.a, p.c, HANGING_GUEST ? -1 : workload.writesPerExit());
            }
        }

        /**
         * The host touches the dirty set first (a write of 0, which no check counts and no log sees): the untracked
         * guest's short run would otherwise pay the host's page allocation on most of its writes, the tracked one on few.
         */
        private void touchDirtySet() {
            ByteBuffer data = Kvm.data(vm);
            long pageSize = Kvm.pageSize();
            long share = pages / vcpus;
            long dirtyShare = dirtyPages / vcpus;
            for (int i = 0; i < vcpus; i++) {
                for (long p = i * share; p < i * share + dirtyShare; p++) {
                    data.putInt((int) (p * pageSize), 0);
                }
            }
        }

        /** vCPU {@code v}'s thread: KVM_RUN until stopped, each exit handled as QEMU would. */
        private void vcpuLoop(int v) {
            try {
                long tick = workload.exitIntervalMicros() * 1000;
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
                        next = tick > 0 ? holdUntilTick(next + tick) : next;
                    } else if (exit == Kvm.EXIT_RING_FULL) {
                        onRingFull();
                    } else {
                        failure.compareAndSet(null, whyStopped(v, exit));
                        return;
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, "vCPU " + v + ": " + e.getMessage());
            }
        }

        /** Holds a periodic exit until {@code tick} (a fixed dirty rate); returns the tick the next exit waits for. */
        private static long holdUntilTick(long tick) {
            long wait = tick - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                return tick;
            }
            return System.nanoTime(); // behind: the guest cannot keep this rate
        }

        /** KVM_EXIT_DIRTY_RING_FULL: the vCPU thread runs the cycle itself before re-entering (QEMU's way). */
        private void onRingFull() {
            ringFullExits.incrementAndGet();
            if (cycle(tracker, copy) == 0) {
                synchronized (cycleLock) {
                    emptyRingFullExits++; // the kernel says full, yet no entry is DIRTY at the fetch index
                }
            }
        }

        /** The failure an exit other than periodic or ring-full means; null for a kick asked for by the stop. */
        private String whyStopped(int v, int exit) {
            if (exit == Kvm.EXIT_KICKED) {
                return stop ? null : "vCPU " + v + ": KVM_RUN did not return within " + RUN_LIMIT_NANOS / 1_000_000_000
                        + " s: the guest hangs; stopped";
            }
            if (exit == Kvm.EXIT_GUEST_FAULT) {
                // what the guest's trap vector reports: arm64's syndrome register, riscv's cause register
                String register = "riscv64".equals(Kvm.backend()) ? "scause" : "ESR_EL1";
                return "vCPU " + v + ": the guest took an exception (" + register + " 0x" + Long.toHexString(Kvm.fault(vm, v)) + ")";
            }
            return "vCPU " + v + ": the guest crashed (KVM exit reason " + (-exit - 100) + ")";
        }

        /**
         * After the collector's last cycle (one that collected pages) the guest writes on until every
         * vCPU has written again (at most {@link #TAIL}), as a guest runs between a migration's last
         * pass and its pause: that window then always holds writes to the pages just sent, so a
         * collection that re-arms them too late loses some every time, and the right one still
         * reports them at the last cycle.
         */
        private void guestWritesOn() throws InterruptedException {
            long[] at = new long[vcpus];
            for (int i = 0; i < vcpus; i++) {
                at[i] = Kvm.writes(vm, i);
            }
            long end = System.nanoTime() + Emulation.stretch(TAIL).toNanos();
            for (int i = 0; i < vcpus; i++) {
                while (Kvm.writes(vm, i) == at[i] && System.nanoTime() < end && failure.get() == null) {
                    Thread.sleep(1);
                }
            }
        }

        /**
         * The collector's thread: a cycle every reap interval, or back to back (spinning while they find
         * nothing); once the run's time is up, until a cycle collects pages.
         */
        private void collectorLoop() {
            long reapNanos = workload.reapIntervalMicros() * 1000;
            try {
                while (!stop) {
                    int n;
                    if (reapNanos > 0) {
                        LockSupport.parkNanos(reapNanos);
                        n = cycle(tracker, copy);
                    } else if ((n = cycle(tracker, copy)) == 0) {
                        Thread.onSpinWait();
                    }
                    long by = endingBy;
                    if (by != 0 && (n > 0 || System.nanoTime() > by)) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, "collector: " + e.getMessage());
            }
        }

        /** Until {@code end} or a failure: kicks a vCPU that has been in KVM_RUN too long. */
        private void watchUntil(long end) throws InterruptedException {
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
        }

        private void stopOnExit() {
            stop = true;
            try {
                joinOrKick(threads, vm);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }

        /** The writes and KVM_RUN CPU time after each vCPU's warm-up; a vCPU whose warm-up never ended adds nothing. */
        private GuestTime guestTime() {
            long writes = 0;
            long cpu = 0;
            for (int i = 0; i < vcpus; i++) {
                cpu += guestCpu.get(i);
                if (writesAtWarm.get(i) >= 0) {
                    writes += Kvm.writes(vm, i) - writesAtWarm.get(i);
                }
            }
            return new GuestTime(writes, cpu);
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
