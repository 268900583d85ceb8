package org.ringorder.strategy;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/** Plain accesses everywhere: the kernel and QEMU flag accesses before September 2022. Unsafe off TSO, and under C2 anywhere. */
public final class Plain implements ResetStrategy {
    public String name() { return "plain"; }
    public Modes modes() { return Modes.of(Mode.PLAIN_LOAD, Mode.PLAIN_STORE); }

    public <M> void publishDirty(Gfns<M> g, M m, int i) { g.setFlags(m, i, Gfns.F_DIRTY); }
    public <M> int observeDirty(Gfns<M> g, M m, int i) { return g.flags(m, i); }
    public <M> void markReset(Gfns<M> g, M m, int i) { g.setFlags(m, i, Gfns.F_RESET); }
    public <M> int observeReset(Gfns<M> g, M m, int i) { return g.flags(m, i); }
    public <M> void invalidate(Gfns<M> g, M m, int i) { g.setFlags(m, i, 0); }

    public void publishResetIndex(SharedIndex r, int v) { r.set(v); }
    public int observeResetIndex(SharedIndex r) { return r.get(); }
    public void ringDoorbell(SharedIndex d, int marked) { d.set(marked); }
    public int observeDoorbell(SharedIndex d) { return d.get(); }
}
