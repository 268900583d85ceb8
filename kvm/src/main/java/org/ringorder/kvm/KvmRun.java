package org.ringorder.kvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.ringorder.memory.DirectGfns;
import org.ringorder.ring.Collector;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.Reaper;
import org.ringorder.ring.SlotBitmap;
import org.ringorder.strategy.Flag;
import org.ringorder.strategy.LinuxKernel;
import org.ringorder.strategy.UserspaceSide;

/**
 * The protocol against the kernel's own dirty ring: vCPU threads run the guest (KVM_RUN), a
 * collector harvests the mmapped rings with the strategy's userspace side (the same {@link Reaper}
 * as the simulation, over a {@link DirectGfns} on the kernel's memory) and calls the real
 * KVM_RESET_DIRTY_RINGS, checking its return against the entries harvested, as QEMU does. On
 * KVM_EXIT_DIRTY_RING_FULL the vCPU thread harvests and resets itself before re-entering (QEMU's
 * way). At the end the vCPUs stop, the rings are drained, and every page the guest wrote (its
 * pages hold the guest's sequence numbers) must have been reported.
 */
public final class KvmRun {
    /** Data slot id as the kernel reports it in each entry (as_id 0). */
    static final int DATA_SLOT = 1;
    /** A KVM_RUN that has not returned after this long is kicked and the run fails (tests shorten it). */
    static final long RUN_LIMIT_NANOS = Long.getLong("ringorder.kvm.runLimitSeconds", 10) * 1_000_000_000L;
    /** The guest's writes between periodic exits; -1 makes it spin without writing or exiting (tests: the time limit must end it). */
    static final long WRITES_PER_EXIT = Long.getLong("ringorder.kvm.writesPerExit", 4096);

    /** What a run measured and checked. */
    public record Result(String capability, long harvested, long millis, long resetCalls, long resetEntries,
                         long resetMismatches, long ringFullExits, long emptyRingFullExits, long ringOverruns,
                         long guestWrites, long pagesWritten, long lostPages, long outOfRange, Histogram resetNanos) {
    }

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

    private final UserspaceSide vmm;
    private final int vcpus;
    private final int entries;
    private final long pages;
    private final long pageSize;
    private final Object reapLock = new Object();
    private final Histogram resetNanos = new Histogram(3_600_000_000_000L, 3);
    private long emptyRingFullExits;
    private volatile boolean stop;
    private long reapIntervalNanos;

    private KvmRun(UserspaceSide vmm, int vcpus, int entries, long pages, long pageSize) {
        this.vmm = vmm;
        this.vcpus = vcpus;
        this.entries = entries;
        this.pages = pages;
        this.pageSize = pageSize;
    }

    /**
     * Runs the guest for {@code millis} on {@code vcpus} vCPUs with rings of {@code entries}, over
     * {@code dataMiB} of logged memory, and checks it. Throws IllegalStateException (one line) when
     * KVM refuses, the guest crashes, or a KVM_RUN exceeds the time limit.
     */
    public static Result run(UserspaceSide vmm, int vcpus, int entries, int dataMiB, Pattern pattern, long millis)
            throws InterruptedException {
        return run(vmm, vcpus, entries, dataMiB, pattern, millis, 0);
    }

    /**
     * As above, with the collector sleeping {@code reapIntervalMicros} between passes (0: it
     * harvests continuously; QEMU's reaper thread sleeps, leaving most of the work to ring-full exits).
     */
    public static Result run(UserspaceSide vmm, int vcpus, int entries, int dataMiB, Pattern pattern, long millis,
                             long reapIntervalMicros) throws InterruptedException {
        long pageSize = Kvm.pageSize();
        long pages = ((long) dataMiB << 20) / pageSize;
        if (pages == 0 || Long.bitCount(pages / vcpus) != 1 || pages % vcpus != 0 || (pages & 63) != 0) {
            throw new IllegalArgumentException("--mib " + dataMiB + " over " + vcpus + " vCPUs of " + pageSize / 1024
                    + " KiB pages: each vCPU's share must be a power of two of pages, 64 or more (e.g. 256 MiB over 1, 2 or 4 vCPUs)");
        }
        long maxMiB = Kvm.maxDataBytes() >> 20;
        if (dataMiB > maxMiB) {
            throw new IllegalArgumentException("--mib " + dataMiB + " exceeds the " + Kvm.backend() + " guest's memory map: at most "
                    + maxMiB + " MiB");
        }
        DirtyRing.checkSize(entries);
        if ((long) entries * 16 < pageSize) {
            throw new IllegalArgumentException("ring size " + entries + " is under one page of " + pageSize / 1024
                    + " KiB (the kernel's minimum): use " + pageSize / 16 + " or more");
        }
        long[] caps = Kvm.probe();
        boolean acqRel = caps[1] > 0;
        long max = acqRel ? caps[1] : caps[0];
        if ((long) entries * 16 > max) {
            throw new IllegalArgumentException("ring size " + entries + " exceeds this kernel's maximum of " + max / 16 + " entries");
        }
        KvmRun r = new KvmRun(vmm, vcpus, entries, pages, pageSize);
        r.reapIntervalNanos = reapIntervalMicros * 1000;
        return r.go(acqRel, pattern, millis, dataMiB);
    }

    private Result go(boolean acqRel, Pattern pattern, long millis, int dataMiB) throws InterruptedException {
        long vm = Kvm.create(vcpus, entries, (long) dataMiB << 20, acqRel);
        Thread[] threads = new Thread[vcpus];
        Thread collector = null;
        AtomicReference<String> failure = new AtomicReference<>();
        try {
            DirtyRing[] rings = new DirtyRing[vcpus];
            for (int i = 0; i < vcpus; i++) {
                rings[i] = new DirtyRing(new DirectGfns(Kvm.ring(vm, i), entries), DirtyRing.RSVD_ENTRIES, new LinuxKernel());
            }
            Reaper reaper = new Reaper(vmm, new SlotBitmap(DATA_SLOT + 1, pages));
            Collector reap = new Collector(reaper, rings, () -> timedReset(vm));
            long share = pages / vcpus;
            int bits = Long.numberOfTrailingZeros(share);
            int writesPerExit = WRITES_PER_EXIT < 0 ? -1 : (int) Math.min(share, WRITES_PER_EXIT);
            for (int i = 0; i < vcpus; i++) {
                Kvm.guest(vm, i, i * share, bits, pattern.a, pattern.c, writesPerExit);
            }
            AtomicLongArray entered = new AtomicLongArray(vcpus);
            long[] ringFull = new long[vcpus];
            for (int i = 0; i < vcpus; i++) {
                final int v = i;
                threads[i] = new Thread(() -> {
                    try {
                        while (!stop) {
                            entered.set(v, System.nanoTime());
                            int exit = Kvm.run(vm, v);
                            entered.set(v, 0);
                            if (exit == Kvm.EXIT_RING_FULL) {
                                ringFull[v]++;
                                if (reapAndReset(reap) == 0) {
                                    synchronized (reapLock) {
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
            collector = new Thread(() -> {
                try {
                    while (!stop) {
                        if (reapIntervalNanos > 0) {
                            LockSupport.parkNanos(reapIntervalNanos);
                            reapAndReset(reap);
                        } else if (reapAndReset(reap) == 0) {
                            Thread.onSpinWait();
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, "collector: " + e.getMessage());
                }
            }, "collector");
            // Ctrl-C: get the vCPUs out of KVM_RUN before the JVM goes (the kernel frees the VM with the process)
            final Thread[] running = threads;
            Thread onInterrupt = new Thread(() -> {
                stop = true;
                try {
                    joinOrKick(running, vm);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            });
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            long start = System.nanoTime();
            for (Thread t : threads) {
                t.start();
            }
            collector.start();
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
            stop = true;
            joinOrKick(threads, vm);
            collector.join();
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            while (reapAndReset(reap) != 0) {
                // drain: the vCPUs are out of the guest, every page they dirtied is in a ring
            }
            long guestWrites = 0;
            for (int i = 0; i < vcpus; i++) {
                guestWrites += Kvm.writes(vm, i);
            }
            ByteBuffer data = Kvm.data(vm).order(ByteOrder.nativeOrder());
            long written = 0;
            long lost = 0;
            for (long p = 0; p < pages; p++) {
                if (data.getInt((int) (p * pageSize)) != 0) {
                    written++;
                    if (!reaper.dirtyLog().test(DATA_SLOT, p)) {
                        lost++;
                    }
                }
            }
            long full = 0;
            for (long f : ringFull) {
                full += f;
            }
            return new Result(acqRel ? "KVM_CAP_DIRTY_LOG_RING_ACQ_REL" : "KVM_CAP_DIRTY_LOG_RING", reap.resetEntries(), elapsed,
                    reap.resetCalls(), reap.resetEntries(), reap.mismatches(), full, emptyRingFullExits, reaper.wholeRingPasses(),
                    guestWrites, written, lost, reaper.outOfRange(), resetNanos);
        } finally {
            stop = true;
            joinOrKick(threads, vm);
            if (collector != null) {
                collector.join(10_000);
            }
            Kvm.destroy(vm);
        }
    }

    /**
     * Harvest every ring, then the real reset ({@link Collector}); returns the entries reset. One
     * caller at a time: the collector thread and a vCPU thread on a ring-full exit (QEMU's slots lock).
     * A pass that finds a whole ring DIRTY means the kernel pushed past its soft limit (size - 64).
     */
    private int reapAndReset(Collector reap) {
        synchronized (reapLock) {
            return reap.reapAndReset();
        }
    }

    /** KVM_RESET_DIRTY_RINGS, its latency recorded. */
    private int timedReset(long vm) {
        long t0 = System.nanoTime();
        int reset = Kvm.reset(vm);
        resetNanos.recordValue(Math.max(1, System.nanoTime() - t0));
        return reset;
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
