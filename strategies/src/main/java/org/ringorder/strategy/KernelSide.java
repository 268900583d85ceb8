package org.ringorder.strategy;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/**
 * The ordering points the kernel owns: {@code kvm_dirty_ring_push} publishing DIRTY,
 * {@code kvm_dirty_ring_reset} observing RESET and invalidating, and the reset index the vCPU
 * reads to know the ring has room again.
 */
public interface KernelSide extends Batching {
    /** push: flags=DIRTY, after the slot and offset stores (edge e1). */
    <M> void publishDirty(Gfns<M> gfns, M m, int i);

    /** reset: load flags before the slot and offset loads (e4). */
    <M> int observeReset(Gfns<M> gfns, M m, int i);

    /** reset: flags=0, after the slot and offset loads (e5). */
    <M> void invalidate(Gfns<M> gfns, M m, int i);

    /** reset: the new reset index, after the invalidations (e6). */
    void publishResetIndex(SharedIndex resetIndex, int value);

    /** push: the vCPU's view of free space, before it reuses an entry (e6). */
    int observeResetIndex(SharedIndex resetIndex);

    /** The fullness check's read of the vCPU's own dirty index (its only writer is the vCPU). */
    default int observeDirtyIndex(SharedIndex dirtyIndex) {
        return dirtyIndex.get();
    }

    /** reset: the slot load, after the flags load (e4). */
    default <M> int resetSlot(Gfns<M> gfns, M m, int i) {
        return gfns.slot(m, i);
    }

    /** reset: the offset load, after the flags load (e4). */
    default <M> long resetOffset(Gfns<M> gfns, M m, int i) {
        return gfns.offset(m, i);
    }

    /**
     * True when the reset stores its index after each entry ({@code ring->reset_index++} in the
     * loop, as Linux does), false when it publishes once after the pass (a constant per side).
     */
    default boolean resetIndexEachEntry() {
        return false;
    }
}
