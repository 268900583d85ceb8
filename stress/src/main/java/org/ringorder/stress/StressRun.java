package org.ringorder.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ringorder.memory.Gfns;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.ring.DoorbellAudit;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.Reaper;
import org.ringorder.ring.SlotBitmap;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.UserspaceSide;

/**
 * The real concurrent protocol under a strategy, for correctness rather than speed: vCPU threads
 * push verifiable pages, a collector harvests and rings the doorbell, a reset thread resets, for
 * a while; then everything stops, the rings are drained, and every page is accounted for.
 *
 * <p>It counts (a) stale payloads: a reader that observed a flag, then read a payload other than
 * the one pushed at that ring, index and lap; (b) short resets: once the reset side saw doorbell
 * D, the total it had reset by the end of that call was less than D (checked cumulatively: a
 * scan that sees a later entry RESET while an earlier one is not is allowed); (c) lost pages: an
 * entry overwritten before it was invalidated, or, after the final drain, pages pushed that were
 * never collected.
 */
public final class StressRun {
    /** What a run found. */
    public record Counts(long pushed, long entriesChecked, long stalePayloads, long shortResets, long overwrites,
                         long lostPages, long millis) {
        public long violations() {
            return stalePayloads + shortResets + overwrites + lostPages;
        }
    }

    private StressRun() {
    }

    /** {@link #run(KernelSide, UserspaceSide, int, int, int, OffsetPattern, long)} at the kernel's margin. */
    public static Counts run(KernelSide kernel, UserspaceSide vmm, int vcpus, int ringSize, OffsetPattern pattern,
                             long millis) throws InterruptedException {
        return run(kernel, vmm, vcpus, ringSize, DirtyRing.RSVD_ENTRIES, pattern, millis);
    }

    /**
     * Runs the protocol for {@code millis} with {@code vcpus} producer threads.
     *
     * @param kernel the kernel's side (push, reset)
     * @param vmm the VMM's side (harvest, doorbell)
     * @param margin entries each vCPU keeps free beyond the reset index, 0 to {@link DirtyRing#RSVD_ENTRIES}: the
     *        kernel's soft limit keeps 64, so the reset never works on an entry the vCPU may refill; at 0 the vCPU
     *        refills the entry just reset, and an ordering that reads a payload after freeing its entry shows
     */
    public static Counts run(KernelSide kernel, UserspaceSide vmm, int vcpus, int ringSize, int margin, OffsetPattern pattern,
                             long millis) throws InterruptedException {
        checkMargin(margin);
        DirtyRingVm vm = new DirtyRingVm(vcpus, ringSize, DirtyRing.RSVD_ENTRIES, "heap", kernel, pattern, true);
        DirtyRing[] rings = vm.rings();
        Reaper reaper = new Reaper(vmm, new SlotBitmap(1, OffsetPattern.NPAGES));
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicBoolean collecting = new AtomicBoolean(true);
        AtomicLong overwrites = new AtomicLong();
        AtomicLong harvested = new AtomicLong();
        long[] shortResets = new long[1];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        boolean resetWhenFull = margin < DirtyRing.RSVD_ENTRIES;
        for (int v = 0; v < vcpus; v++) {
            int id = v;
            threads.add(new Thread(() -> produce(vm, rings[id], id, margin, resetWhenFull, pattern, producing, overwrites),
                    "vcpu-" + v));
        }
        Thread collector = new Thread(() -> {
            long n = 0;
            while (collecting.get()) {
                int got = reaper.reapAll(rings);
                n += got;
                if (got == 0) {
                    Thread.onSpinWait();
                }
            }
            harvested.set(n);
        }, "collector");
        Thread reset = new Thread(() -> shortResets[0] = resetLoop(vm, reaper, collecting), "reset");
        threads.forEach(Thread::start);
        collector.start();
        reset.start();
        Thread.sleep(millis);
        producing.set(false);
        for (Thread t : threads) {
            t.join();
        }
        // let the collector and the reset drain what the vCPUs left, then stop them
        Thread.sleep(50);
        collecting.set(false);
        collector.join();
        reset.join();
        long collected = harvested.get() + reaper.reapAll(rings);
        vm.resetDirtyRings();
        long pushed = 0;
        for (DirtyRing ring : rings) {
            pushed += ring.dirtyIndex().get() & 0xffff_ffffL;
        }
        long lost = pushed - collected;
        long stale = reaper.stale() + vm.stale();
        return new Counts(pushed, collected, stale, shortResets[0], overwrites.get(), Math.max(0, lost),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Returns {@code margin}, or throws naming the bad value and the accepted ones. */
    public static int checkMargin(int margin) {
        if (margin < 0 || margin > DirtyRing.RSVD_ENTRIES) {
            throw new IllegalArgumentException("margin " + margin + " is not in 0.." + DirtyRing.RSVD_ENTRIES
                    + " (entries the vCPU keeps free; the kernel keeps " + DirtyRing.RSVD_ENTRIES + ")");
        }
        return margin;
    }

    /**
     * A vCPU: push pages in the pattern; "exit" while the margin is reached; before reusing an
     * entry, check it was invalidated. Below the kernel's margin, an exit also resets the rings on
     * this thread (QEMU's KVM_EXIT_DIRTY_RING_FULL path), so the reset and the refill follow the
     * collector's marks at once, as they do on a machine with a CPU per thread.
     */
    private static void produce(DirtyRingVm vm, DirtyRing ring, int id, int margin, boolean resetWhenFull, OffsetPattern pattern,
                                AtomicBoolean producing, AtomicLong overwrites) {
        Gfns<?> g = ring.gfns();
        int mask = ring.size() - 1;
        int limit = ring.size() - margin;
        while (producing.get()) {
            if (ring.used() >= limit) {
                if (resetWhenFull) {
                    vm.resetDirtyRings();
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            int index = ring.dirtyIndex().get();
            if (flagsOpaque(g, index & mask) != 0) {
                overwrites.incrementAndGet(); // the reset index said free, the entry was not invalidated
            }
            ring.push(pattern.slot(id), pattern.offset(id, index));
        }
    }

    private static <M> int flagsOpaque(Gfns<M> g, int i) {
        return g.flagsOpaque(g.memory(), i);
    }

    /**
     * The reset side: wait for the doorbell, reset, check the promise ({@link DoorbellAudit})
     * against every entry reset so far, by this thread or a vCPU's. Returns the short resets.
     */
    private static long resetLoop(DirtyRingVm vm, Reaper reaper, AtomicBoolean running) {
        DoorbellAudit audit = new DoorbellAudit();
        while (running.get()) {
            int bell = reaper.observeDoorbell();
            if (!audit.rang(bell)) {
                Thread.onSpinWait();
                continue;
            }
            vm.resetDirtyRings();
            audit.afterResetTotal(bell, resetSoFar(vm));
        }
        return audit.shortResets();
    }

    /** Entries reset in all, from the rings' reset indices (read after a reset call: slots_lock orders the others' before). */
    private static int resetSoFar(DirtyRingVm vm) {
        int total = 0;
        for (DirtyRing ring : vm.rings()) {
            total += ring.resetIndex().getAcquire();
        }
        return total;
    }
}
