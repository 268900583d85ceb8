package org.ringorder.stress;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;
import org.ringorder.strategy.AcquireLoad;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.UserspaceSide;

/**
 * Deliberately broken strategies, for tests only, one per shape that stress can reach: each is
 * acquire-load except for one ordering point whose store it moves to the wrong side of another
 * access in program order (x86 would hide a hardware reordering, so the break is in the code).
 * reset-reuse's and plain-doorbell's breaks live inside the reset's own loop or in a handoff
 * stress does not have: the litmus harness catches those ({@code BrokenLitmus}).
 */
final class BrokenStrategies {
    private BrokenStrategies() {
    }

    /** Push publishes DIRTY on the next entry before that entry's payload is written (edge e1): stale payloads. */
    static final class DirtyBeforePayload implements KernelSide {
        private final AcquireLoad ok = new AcquireLoad();

        public <M> void publishDirty(Gfns<M> g, M m, int i) {
            g.setFlagsRelease(m, i, Gfns.F_DIRTY);
            g.setFlagsRelease(m, (i + 1) & (g.size() - 1), Gfns.F_DIRTY); // the next payload is not written yet
        }

        public <M> int observeReset(Gfns<M> g, M m, int i) { return ok.observeReset(g, m, i); }
        public <M> void invalidate(Gfns<M> g, M m, int i) { ok.invalidate(g, m, i); }
        public void publishResetIndex(SharedIndex r, int v) { ok.publishResetIndex(r, v); }
        public int observeResetIndex(SharedIndex r) { return ok.observeResetIndex(r); }
    }

    /** The harvest rings the doorbell before its last RESET store (that store waits for the next pass): short resets. */
    static final class DoorbellBeforeLastReset implements UserspaceSide {
        private final AcquireLoad ok = new AcquireLoad();
        private Gfns<Object> pendingGfns;
        private Object pendingMemory;
        private int pendingIndex;

        @SuppressWarnings("unchecked")
        public <M> void markReset(Gfns<M> g, M m, int i) {
            flush();
            pendingGfns = (Gfns<Object>) g;
            pendingMemory = m;
            pendingIndex = i;
        }

        private void flush() {
            if (pendingGfns != null) {
                pendingGfns.setFlagsRelease(pendingMemory, pendingIndex, Gfns.F_RESET);
                pendingGfns = null;
            }
        }

        public <M> int observeDirty(Gfns<M> g, M m, int i) { return ok.observeDirty(g, m, i); }
        public void ringDoorbell(SharedIndex d, int marked) { ok.ringDoorbell(d, marked); } // before the pending RESET
        public int observeDoorbell(SharedIndex d) { return ok.observeDoorbell(d); }
    }

    /** The reset publishes its new reset index before it invalidates the entries it freed (e5/e6): lost pages. */
    static final class ResetIndexBeforeInvalidate implements KernelSide {
        private final AcquireLoad ok = new AcquireLoad();
        private final List<Runnable> pending = new ArrayList<>();

        public <M> void invalidate(Gfns<M> g, M m, int i) {
            pending.add(() -> g.setFlagsRelease(m, i, 0));
        }

        public void publishResetIndex(SharedIndex r, int v) {
            ok.publishResetIndex(r, v);
            pending.forEach(Runnable::run); // the invalidations, too late
            pending.clear();
        }

        public <M> void publishDirty(Gfns<M> g, M m, int i) { ok.publishDirty(g, m, i); }
        public <M> int observeReset(Gfns<M> g, M m, int i) { return ok.observeReset(g, m, i); }
        public int observeResetIndex(SharedIndex r) { return ok.observeResetIndex(r); }
    }

    /**
     * harvest-reuse: the collector marks RESET as soon as it observes DIRTY, before it reads the
     * payload (e3). Only a margin below the kernel's lets the vCPU refill the entry in between.
     */
    static final class MarkResetBeforeRead implements UserspaceSide {
        private final AcquireLoad ok = new AcquireLoad();

        public <M> int observeDirty(Gfns<M> g, M m, int i) {
            int flags = ok.observeDirty(g, m, i);
            if (flags == Gfns.F_DIRTY) {
                ok.markReset(g, m, i); // too early: the reaper reads the payload after this
            }
            return flags;
        }

        public <M> void markReset(Gfns<M> g, M m, int i) { }
        public void ringDoorbell(SharedIndex d, int marked) { ok.ringDoorbell(d, marked); }
        public int observeDoorbell(SharedIndex d) { return ok.observeDoorbell(d); }
    }

    /**
     * chain: the collector marks an entry RESET before it observes that entry DIRTY (its RESET
     * store passes its DIRTY load), so the reset may see RESET on an entry the vCPU has not pushed.
     */
    static final class ResetBeforeObserve implements UserspaceSide {
        private final AcquireLoad ok = new AcquireLoad();

        public <M> int observeDirty(Gfns<M> g, M m, int i) {
            int before = ok.observeDirty(g, m, i);
            if (before == 0) {
                ok.markReset(g, m, i); // RESET on an entry not yet observed DIRTY
            }
            return ok.observeDirty(g, m, i);
        }

        public <M> void markReset(Gfns<M> g, M m, int i) { ok.markReset(g, m, i); }
        public void ringDoorbell(SharedIndex d, int marked) { ok.ringDoorbell(d, marked); }
        public int observeDoorbell(SharedIndex d) { return ok.observeDoorbell(d); }
    }
}
