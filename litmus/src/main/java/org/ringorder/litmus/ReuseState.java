package org.ringorder.litmus;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.PaddedIndex;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.UserspaceSide;

/**
 * The harvest-to-reuse state both of its forms share: one DIRTY entry holding lap 1's page, and
 * the ring's reset index. The protocol steps are the kernel's and QEMU's, named after them.
 */
public abstract class ReuseState extends Litmus {
    public final int[] m = new int[4];
    public final PaddedIndex resetIndex = new PaddedIndex(0);

    protected ReuseState() {
        dirty(m, 0, LAP1);
    }

    /** kvm_dirty_ring_reap_one: observe DIRTY, read the payload, mark RESET; returns the page read. */
    final int harvestOne(UserspaceSide vmm) {
        vmm.observeDirty(G, m, 0);
        vmm.afterBatchObserve();
        int page = read(m, 0);
        vmm.beforeBatchPublish();
        vmm.markReset(G, m, 0);
        return page;
    }

    /** kvm_dirty_ring_reset: observe RESET, invalidate, publish the reset index; false when not RESET yet. */
    final boolean resetOne(KernelSide kernel) {
        int flags = kernel.observeReset(G, m, 0);
        kernel.afterBatchObserve();
        if (flags != Gfns.F_RESET) {
            return false;
        }
        kernel.beforeBatchPublish();
        kernel.invalidate(G, m, 0);
        kernel.publishResetIndex(resetIndex, 1);
        return true;
    }

    /** kvm_dirty_ring_push on the next lap: observe the reset index, then write lap 2's page into the entry. */
    final boolean reuseOne(KernelSide kernel) {
        if (kernel.observeResetIndex(resetIndex) == 0) {
            return false;
        }
        write(m, 0, LAP2);
        return true;
    }

    @Override
    public final Safety.Shape shape() {
        return Safety.Shape.HARVEST_REUSE;
    }
}
