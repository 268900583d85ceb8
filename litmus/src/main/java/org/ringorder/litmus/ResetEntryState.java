package org.ringorder.litmus;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.PaddedIndex;
import org.ringorder.strategy.KernelSide;

/**
 * The state of the kernel's two shapes (reset-reuse, late-invalidate): one entry the collector
 * has harvested (RESET, lap 1's page), the ring's reset index, and the vCPU's next push into the
 * entry once the index says it is free. No margin: the entry refilled is the one being reset.
 */
public abstract class ResetEntryState extends Litmus {
    public final int[] m = new int[4];
    public final PaddedIndex resetIndex = new PaddedIndex(0);

    protected ResetEntryState() {
        write(m, 0, LAP1);
        G.setFlags(m, 0, Gfns.F_RESET);
    }

    /** kvm_dirty_ring_push on the next lap, once the reset index says the entry is free; false when it does not yet. */
    protected final boolean refill(KernelSide kernel) {
        if (kernel.observeResetIndex(resetIndex) == 0) {
            return false;
        }
        write(m, 0, LAP2);
        kernel.publishDirty(G, m, 0);
        return true;
    }

    @Override
    public final String form() {
        return "no margin";
    }
}
