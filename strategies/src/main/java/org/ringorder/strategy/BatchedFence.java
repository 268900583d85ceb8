package org.ringorder.strategy;

import java.lang.invoke.VarHandle;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;

/**
 * Two-phase batches with plain flag accesses: a batch's flag loads, one full fence, the payload
 * work, one full fence, the batch's flag stores. (A single fence after a plain per-entry loop
 * would not do: the payload reads would then race the flag loads.) Lone publishes (push, the
 * reset index, the doorbell) are batches of one: a fence, then the plain store.
 */
public final class BatchedFence implements ResetStrategy {
    public String name() { return "batched-fence"; }

    /** Plain flag accesses, a full fence per batch; the lone publishes and their loads fenced as full-fence's. */
    public Modes modes() {
        return Modes.of(Mode.PLAIN_LOAD, Mode.PLAIN_STORE)
                .with(OrderingPoint.AFTER_BATCH_OBSERVE, Mode.FULL_FENCE)
                .with(OrderingPoint.BEFORE_BATCH_PUBLISH, Mode.FULL_FENCE)
                .with(OrderingPoint.PUBLISH_DIRTY, Mode.FULL_FENCE, Mode.PLAIN_STORE)
                .with(OrderingPoint.PUBLISH_RESET_INDEX, Mode.FULL_FENCE, Mode.PLAIN_STORE)
                .with(OrderingPoint.OBSERVE_RESET_INDEX, Mode.PLAIN_LOAD, Mode.FULL_FENCE)
                .with(OrderingPoint.RING_DOORBELL, Mode.FULL_FENCE, Mode.PLAIN_STORE)
                .with(OrderingPoint.OBSERVE_DOORBELL, Mode.PLAIN_LOAD, Mode.FULL_FENCE);
    }

    public boolean twoPhase() { return true; }
    public void afterBatchObserve() { VarHandle.fullFence(); }
    public void beforeBatchPublish() { VarHandle.fullFence(); }

    public <M> void publishDirty(Gfns<M> g, M m, int i) { VarHandle.fullFence(); g.setFlags(m, i, Gfns.F_DIRTY); }
    public <M> int observeDirty(Gfns<M> g, M m, int i) { return g.flags(m, i); }
    public <M> void markReset(Gfns<M> g, M m, int i) { g.setFlags(m, i, Gfns.F_RESET); }
    public <M> int observeReset(Gfns<M> g, M m, int i) { return g.flags(m, i); }
    public <M> void invalidate(Gfns<M> g, M m, int i) { g.setFlags(m, i, 0); }

    public void publishResetIndex(SharedIndex r, int v) { VarHandle.fullFence(); r.set(v); }
    public int observeResetIndex(SharedIndex r) { int v = r.get(); VarHandle.fullFence(); return v; }
    public void ringDoorbell(SharedIndex d, int marked) { VarHandle.fullFence(); d.set(marked); }
    public int observeDoorbell(SharedIndex d) { int v = d.get(); VarHandle.fullFence(); return v; }
}
