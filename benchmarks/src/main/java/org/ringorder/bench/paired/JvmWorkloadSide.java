package org.ringorder.bench.paired;

import java.util.concurrent.atomic.AtomicLongArray;
import org.ringorder.ring.Collector;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.Reaper;
import org.ringorder.ring.SlotBitmap;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * The JVM's side of the paired concurrent workload: vCPUs pushing into their own rings and, at
 * each vCPU's soft-full exit, the collector harvesting every ring and calling the reset on its
 * thread (QEMU's kvm_dirty_ring_reap on KVM_EXIT_DIRTY_RING_FULL, as the kernel's dirty_log_test
 * drives it), every reader verifying every payload where asked. Always loaded by an
 * {@link IsolatingLoader} of its own ({@link #load}).
 *
 * <p>Why exits, not a collector polling the rings: a poller's rhythm (how far it trails the vCPU,
 * so how large its batches are and whether the two overlap) settles differently in each fork and
 * each side, and once settled it holds: the sides' speeds then differ by up to 30% with the same
 * code. At exits the batches are set by the ring, as in QEMU.
 */
public final class JvmWorkloadSide implements WorkloadSide {
    private final DirtyRing[] rings;
    private final DirtyRingVm vm;
    private final Reaper reaper;
    private final Collector collector;
    private final OffsetPattern pattern;
    /** Read only where a vCPU waits for room: a volatile read there also keeps plain's wait from being hoisted. */
    private volatile boolean aborted;
    /** Each vCPU's exits to userspace, {@link #EXIT_STRIDE} longs apart (each on lines of its own): written by that vCPU alone. */
    private final AtomicLongArray exits;
    /** The collector's reaps that reset entries, and each vCPU's exits as it last saw them; the collector's alone. */
    private long reaps;
    private final long[] seen;
    /** 128 bytes between two vCPUs' exit counters, and past the array's header. */
    private static final int EXIT_STRIDE = 16;

    public JvmWorkloadSide(String strategy, int vcpus, int ringSize, String pattern, boolean verify) {
        ResetStrategy s = Strategies.byName(strategy);
        this.pattern = OffsetPattern.byName(pattern);
        this.vm = new DirtyRingVm(vcpus, ringSize, DirtyRing.RSVD_ENTRIES, "heap", Roles.ALL.kernel(s), verify ? this.pattern : null,
                true);
        this.rings = vm.rings();
        this.reaper = new Reaper(s, new SlotBitmap(1, OffsetPattern.NPAGES));
        this.collector = new Collector(reaper, rings, vm::resetDirtyRings);
        this.exits = new AtomicLongArray((vcpus + 1) * EXIT_STRIDE);
        this.seen = new long[vcpus];
    }

    /** A side in a class loader of its own. */
    static WorkloadSide load(String name, String strategy, int vcpus, int ringSize, String pattern, boolean verify) {
        return IsolatingLoader.instance(name, WorkloadSide.class, JvmWorkloadSide.class,
                new Class<?>[] {String.class, int.class, int.class, String.class, boolean.class}, strategy, vcpus, ringSize, pattern, verify);
    }

    @Override
    public long vcpuBlock(int vcpu, int entries) {
        final DirtyRing ring = rings[vcpu];
        final OffsetPattern p = pattern;
        final int slot = p.slot(vcpu);
        final AtomicLongArray e = exits;
        final int exit = (vcpu + 1) * EXIT_STRIDE;
        long stalls = 0;
        int index = ring.dirtyIndex().get(); // the vCPU is the index's only writer
        boolean softFull = ring.softFull();
        for (int n = 0; n < entries; n++) {
            if (softFull) { // the vCPU exits to userspace until the reset makes room
                stalls++;
                e.setRelease(exit, e.getPlain(exit) + 1);
                while (ring.softFull()) {
                    if (aborted) {
                        return stalls;
                    }
                    Thread.onSpinWait();
                }
            }
            // push observes the reset index once and says whether the ring is now soft-full, as C's vcpu_block reads it once
            softFull = ring.push(slot, p.offset(vcpu, index++));
        }
        e.setRelease(exit, e.getPlain(exit) + 1); // stopped: its last entries are the collector's to reap
        return stalls;
    }

    @Override
    public void beforeBlock() {
        for (int v = 0; v < seen.length; v++) {
            seen[v] = exits.getAcquire((v + 1) * EXIT_STRIDE);
        }
    }

    @Override
    public long collect(long entries, long deadlineNanos) {
        final Collector c = collector;
        final AtomicLongArray e = exits;
        final long[] seen = this.seen;
        long recycled = 0;
        while (recycled < entries) {
            if (!awaitExit(e, seen, deadlineNanos)) {
                return -1;
            }
            int n = c.reapAndReset();
            recycled += n;
            reaps += n != 0 ? 1 : 0; // with several vCPUs an exit's entries may have gone in the reap before
        }
        return recycled;
    }

    /** Waits until a vCPU has exited since {@code seen} (then brought up to date); false once past the deadline. */
    private static boolean awaitExit(AtomicLongArray e, long[] seen, long deadlineNanos) {
        for (int polls = 0;; polls++) {
            boolean exited = false;
            for (int v = 0; v < seen.length; v++) {
                long x = e.getAcquire((v + 1) * EXIT_STRIDE);
                exited |= x != seen[v];
                seen[v] = x;
            }
            if (exited) {
                return true;
            }
            if ((polls & 1023) == 0 && System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public long reaps() {
        return reaps;
    }

    @Override
    public long stalePayloads() {
        return reaper.stale() + vm.stale();
    }

    @Override
    public long shortResets() {
        return collector.mismatches();
    }

    @Override
    public void abort() {
        aborted = true;
    }
}
