package org.ringorder.strategy;

import java.lang.invoke.VarHandle;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/**
 * The kernel's side exactly as Linux has it since the 2022 fix (virt/kvm/dirty_ring.c):
 * {@code kvm_dirty_ring_push} writes the payload, {@code smp_wmb()}, a plain flags store and a
 * plain {@code dirty_index++}; {@code kvm_dirty_ring_reset} loads flags with
 * {@code smp_load_acquire}, the payload with {@code READ_ONCE}, clears flags with
 * {@code smp_store_release} and then does a plain {@code ring->reset_index++} per entry;
 * {@code kvm_dirty_ring_used()} reads both indices with {@code READ_ONCE} (opaque: a plain load
 * in the vCPU's wait would be C2's to hoist out of the loop, and the thread would hang).
 *
 * <p>Nothing here orders the reset index after the payload loads or after {@code flags = 0}:
 * Linux relies on the soft-limit margin (the vCPU exits while 64 entries are still free, so it
 * never refills the entry being reset) and on the exit/ioctl path. The litmus shapes reset-reuse
 * and late-invalidate show what happens without that margin.
 */
public final class LinuxKernel implements KernelSide {
    /** The name results give the kernel model when a test's outcome is the kernel's alone. */
    public static final String NAME = "linux";

    /** smp_wmb() before DIRTY, acquire and release on the reset's flags, READ_ONCE of the payload and indexes. */
    public Modes modes() {
        return Modes.of(Mode.OPAQUE_LOAD, Mode.PLAIN_STORE)
                .with(OrderingPoint.PUBLISH_DIRTY, Mode.STORE_STORE_FENCE, Mode.PLAIN_STORE)
                .with(OrderingPoint.OBSERVE_RESET, Mode.ACQUIRE_LOAD)
                .with(OrderingPoint.RESET_SLOT, Mode.OPAQUE_LOAD)
                .with(OrderingPoint.RESET_OFFSET, Mode.OPAQUE_LOAD)
                .with(OrderingPoint.OBSERVE_DIRTY_INDEX, Mode.OPAQUE_LOAD)
                .with(OrderingPoint.INVALIDATE, Mode.RELEASE_STORE);
    }

    public <M> void publishDirty(Gfns<M> g, M m, int i) { VarHandle.storeStoreFence(); g.setFlags(m, i, Gfns.F_DIRTY); }
    public <M> int observeReset(Gfns<M> g, M m, int i) { return g.flagsAcquire(m, i); }
    public <M> int resetSlot(Gfns<M> g, M m, int i) { return g.slotOpaque(m, i); }
    public <M> long resetOffset(Gfns<M> g, M m, int i) { return g.offsetOpaque(m, i); }
    public <M> void invalidate(Gfns<M> g, M m, int i) { g.setFlagsRelease(m, i, 0); }

    public void publishResetIndex(SharedIndex r, int v) { r.set(v); }
    public boolean resetIndexEachEntry() { return true; }
    public int observeResetIndex(SharedIndex r) { return r.getOpaque(); }
    public int observeDirtyIndex(SharedIndex d) { return d.getOpaque(); }
}
