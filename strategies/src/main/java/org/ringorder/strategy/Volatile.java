package org.ringorder.strategy;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/** Sequentially consistent accesses: stronger than the protocol needs (x86: a lock-prefixed op per store). */
public final class Volatile implements ResetStrategy {
    public String name() { return "volatile"; }
    public Modes modes() { return Modes.of(Mode.VOLATILE_LOAD, Mode.VOLATILE_STORE); }

    public <M> void publishDirty(Gfns<M> g, M m, int i) { g.setFlagsVolatile(m, i, Gfns.F_DIRTY); }
    public <M> int observeDirty(Gfns<M> g, M m, int i) { return g.flagsVolatile(m, i); }
    public <M> void markReset(Gfns<M> g, M m, int i) { g.setFlagsVolatile(m, i, Gfns.F_RESET); }
    public <M> int observeReset(Gfns<M> g, M m, int i) { return g.flagsVolatile(m, i); }
    public <M> void invalidate(Gfns<M> g, M m, int i) { g.setFlagsVolatile(m, i, 0); }

    public void publishResetIndex(SharedIndex r, int v) { r.setVolatile(v); }
    public int observeResetIndex(SharedIndex r) { return r.getVolatile(); }
    public void ringDoorbell(SharedIndex d, int marked) { d.setVolatile(marked); }
    public int observeDoorbell(SharedIndex d) { return d.getVolatile(); }
}
