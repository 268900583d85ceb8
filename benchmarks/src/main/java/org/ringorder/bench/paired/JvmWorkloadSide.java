package org.ringorder.bench.paired;

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
 * The JVM's side of the paired concurrent workload: the same roles as {@code RingWorkloadBench}'s
 * collector placement (vCPUs pushing into their own rings, QEMU's reaper harvesting every ring and
 * calling the reset on its thread), every reader verifying every payload where asked. Always
 * loaded by an {@link IsolatingLoader} of its own ({@link #load}).
 */
public final class JvmWorkloadSide implements WorkloadSide {
    private final DirtyRing[] rings;
    private final DirtyRingVm vm;
    private final Reaper reaper;
    private final Collector collector;
    private final OffsetPattern pattern;
    /** Read only where a vCPU waits for room: a volatile read there also keeps plain's wait from being hoisted. */
    private volatile boolean aborted;

    public JvmWorkloadSide(String strategy, int vcpus, int ringSize, String pattern, boolean verify) {
        ResetStrategy s = Strategies.byName(strategy);
        this.pattern = OffsetPattern.byName(pattern);
        this.vm = new DirtyRingVm(vcpus, ringSize, DirtyRing.RSVD_ENTRIES, "heap", Roles.ALL.kernel(s), verify ? this.pattern : null,
                true);
        this.rings = vm.rings();
        this.reaper = new Reaper(s, new SlotBitmap(1, OffsetPattern.NPAGES));
        this.collector = new Collector(reaper, rings, vm::resetDirtyRings);
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
        long stalls = 0;
        int index = ring.dirtyIndex().get(); // the vCPU is the index's only writer
        boolean softFull = ring.softFull();
        for (int n = 0; n < entries; n++) {
            if (softFull) { // the vCPU exits to userspace until the reset makes room
                stalls++;
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
        return stalls;
    }

    @Override
    public long collect(long entries, long deadlineNanos) {
        final Collector c = collector;
        long recycled = 0;
        int idle = 0;
        while (recycled < entries) {
            int n = c.reapAndReset();
            recycled += n;
            if (n == 0 && (++idle & 1023) == 0 && System.nanoTime() - deadlineNanos > 0) {
                return -1;
            }
        }
        return recycled;
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
