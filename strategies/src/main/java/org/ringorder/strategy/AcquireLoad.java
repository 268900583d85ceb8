package org.ringorder.strategy;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/**
 * The 2022 fix (kernel 8929bc9659640f35, QEMU's qatomic_load_acquire/qatomic_store_release):
 * load-acquire on every observe, store-release on every publish, mark and invalidate.
 */
public final class AcquireLoad implements ResetStrategy {
    public String name() { return "acquire-load"; }
    public Modes modes() { return Modes.of(Mode.ACQUIRE_LOAD, Mode.RELEASE_STORE); }

    public <M> void publishDirty(Gfns<M> g, M m, int i) { g.setFlagsRelease(m, i, Gfns.F_DIRTY); }
    public <M> int observeDirty(Gfns<M> g, M m, int i) { return g.flagsAcquire(m, i); }
    public <M> void markReset(Gfns<M> g, M m, int i) { g.setFlagsRelease(m, i, Gfns.F_RESET); }
    public <M> int observeReset(Gfns<M> g, M m, int i) { return g.flagsAcquire(m, i); }
    public <M> void invalidate(Gfns<M> g, M m, int i) { g.setFlagsRelease(m, i, 0); }

    public void publishResetIndex(SharedIndex r, int v) { r.setRelease(v); }
    public int observeResetIndex(SharedIndex r) { return r.getAcquire(); }
    public void ringDoorbell(SharedIndex d, int marked) { d.setRelease(marked); }
    public int observeDoorbell(SharedIndex d) { return d.getAcquire(); }
}
