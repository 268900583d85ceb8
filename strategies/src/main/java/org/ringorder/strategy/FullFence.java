package org.ringorder.strategy;

import java.lang.invoke.VarHandle;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/** Plain accesses, a full fence after each observe and before each publish (smp_mb() style). */
public final class FullFence implements ResetStrategy {
    public String name() { return "full-fence"; }
    public Modes modes() { return Modes.fenced(Mode.FULL_FENCE); }

    public <M> void publishDirty(Gfns<M> g, M m, int i) { VarHandle.fullFence(); g.setFlags(m, i, Gfns.F_DIRTY); }
    public <M> int observeDirty(Gfns<M> g, M m, int i) { int f = g.flags(m, i); VarHandle.fullFence(); return f; }
    public <M> void markReset(Gfns<M> g, M m, int i) { VarHandle.fullFence(); g.setFlags(m, i, Gfns.F_RESET); }
    public <M> int observeReset(Gfns<M> g, M m, int i) { int f = g.flags(m, i); VarHandle.fullFence(); return f; }
    public <M> void invalidate(Gfns<M> g, M m, int i) { VarHandle.fullFence(); g.setFlags(m, i, 0); }

    public void publishResetIndex(SharedIndex r, int v) { VarHandle.fullFence(); r.set(v); }
    public int observeResetIndex(SharedIndex r) { int v = r.get(); VarHandle.fullFence(); return v; }
    public void ringDoorbell(SharedIndex d, int marked) { VarHandle.fullFence(); d.set(marked); }
    public int observeDoorbell(SharedIndex d) { int v = d.get(); VarHandle.fullFence(); return v; }
}
