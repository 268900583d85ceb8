package org.ringorder.strategy;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/** READ_ONCE/WRITE_ONCE: each access happens, coherently, but orders nothing else. */
public final class Opaque implements ResetStrategy {
    public String name() { return "opaque"; }
    public Modes modes() { return Modes.of(Mode.OPAQUE_LOAD, Mode.OPAQUE_STORE); }

    public <M> void publishDirty(Gfns<M> g, M m, int i) { g.setFlagsOpaque(m, i, Gfns.F_DIRTY); }
    public <M> int observeDirty(Gfns<M> g, M m, int i) { return g.flagsOpaque(m, i); }
    public <M> void markReset(Gfns<M> g, M m, int i) { g.setFlagsOpaque(m, i, Gfns.F_RESET); }
    public <M> int observeReset(Gfns<M> g, M m, int i) { return g.flagsOpaque(m, i); }
    public <M> void invalidate(Gfns<M> g, M m, int i) { g.setFlagsOpaque(m, i, 0); }

    public void publishResetIndex(SharedIndex r, int v) { r.setOpaque(v); }
    public int observeResetIndex(SharedIndex r) { return r.getOpaque(); }
    public void ringDoorbell(SharedIndex d, int marked) { d.setOpaque(marked); }
    public int observeDoorbell(SharedIndex d) { return d.getOpaque(); }
}
