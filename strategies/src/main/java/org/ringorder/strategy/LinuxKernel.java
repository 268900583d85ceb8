package org.ringorder.strategy;

import java.lang.invoke.VarHandle;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/**
 * The kernel's side as Linux has it since 2022 (virt/kvm/dirty_ring.c): push writes the payload,
 * {@code smp_wmb()}, then a plain DIRTY store; the reset loads RESET with
 * {@code smp_load_acquire} and clears it with {@code smp_store_release}. The kernel publishes
 * its reset index through the exit/ioctl path; the model makes that edge a release/acquire pair.
 */
public final class LinuxKernel implements KernelSide {
    public <M> void publishDirty(Gfns<M> g, M m, int i) { VarHandle.storeStoreFence(); g.setFlags(m, i, Gfns.F_DIRTY); }
    public <M> int observeReset(Gfns<M> g, M m, int i) { return g.flagsAcquire(m, i); }
    public <M> void invalidate(Gfns<M> g, M m, int i) { g.setFlagsRelease(m, i, 0); }

    public void publishResetIndex(SharedIndex r, int v) { r.setRelease(v); }
    public int observeResetIndex(SharedIndex r) { return r.getAcquire(); }
}
