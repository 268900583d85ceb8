package org.ringorder.litmus.broken;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.litmus.HarvestReuseOnVcpuShape;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;
import org.ringorder.strategy.AcquireLoad;
import org.ringorder.strategy.ResetStrategy;

/**
 * The litmus harness's own check: a strategy broken in program order must show its bad outcome,
 * or an all-zero table would prove nothing. Not a strategy users can pick; run it with
 * {@code java -jar litmus.jar quick 'org\.ringorder\.litmus\.broken\..*'}.
 */
public final class BrokenLitmus {
    private BrokenLitmus() {
    }

    /**
     * acquire-load, except that the collector marks RESET as soon as it observes DIRTY, before it
     * reads the payload (markReset itself does nothing).
     */
    static final class MarkResetBeforeRead implements ResetStrategy {
        private final AcquireLoad ok = new AcquireLoad();

        public String name() { return "broken: RESET before the payload read"; }

        public <M> int observeDirty(Gfns<M> g, M m, int i) {
            int flags = ok.observeDirty(g, m, i);
            ok.markReset(g, m, i); // too early: the payload is read after this
            return flags;
        }

        public <M> void markReset(Gfns<M> g, M m, int i) { }
        public void ringDoorbell(SharedIndex d, int marked) { ok.ringDoorbell(d, marked); }
        public int observeDoorbell(SharedIndex d) { return ok.observeDoorbell(d); }
        public <M> void publishDirty(Gfns<M> g, M m, int i) { ok.publishDirty(g, m, i); }
        public <M> int observeReset(Gfns<M> g, M m, int i) { return ok.observeReset(g, m, i); }
        public <M> void invalidate(Gfns<M> g, M m, int i) { ok.invalidate(g, m, i); }
        public void publishResetIndex(SharedIndex r, int v) { ok.publishResetIndex(r, v); }
        public int observeResetIndex(SharedIndex r) { return ok.observeResetIndex(r); }
    }

    static final ResetStrategy S = new MarkResetBeforeRead();

    @JCStressTest
    @State
    @Description("RESET marked before the payload read: the vCPU may reset and reuse the entry in between, on any CPU")
    @Outcome(id = HarvestReuseOnVcpuShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = HarvestReuseOnVcpuShape.BAD_MEANS)
    public static class HarvestReuseOnVcpu extends HarvestReuseOnVcpuShape {
        @Actor
        public void collector(II_Result r) {
            harvest(S, r);
        }

        @Actor
        public void vcpu(II_Result r) {
            resetThenReuse(S, r);
        }

        @Override
        public String strategy() {
            return "broken-mark-reset-first";
        }
    }
}
