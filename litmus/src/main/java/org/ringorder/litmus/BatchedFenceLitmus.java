package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.strategy.BatchedFence;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Safety;

/**
 * batched-fence on each of the protocol's shapes. The strategy sits in a {@code static final}, so C2
 * inlines its access modes into the actors exactly as it does in the ring; each test's
 * description is its entry in {@link Safety}.
 */
public final class BatchedFenceLitmus {
    static final ResetStrategy S = new BatchedFence();

    private BatchedFenceLitmus() {
    }

    @JCStressTest
    @State
    @Description(Safety.BATCHED_FENCE_PUSH_HARVEST)
    @Outcome(id = PushHarvestShape.BAD, expect = FORBIDDEN, desc = PushHarvestShape.BAD_MEANS)
    public static class PushHarvest extends PushHarvestShape {
        @Actor
        public void vcpu() {
            push(S);
        }

        @Actor
        public void collector(II_Result r) {
            harvest(S, r);
        }

        @Override
        public String strategy() {
            return S.name();
        }
    }

    @JCStressTest
    @State
    @Description(Safety.BATCHED_FENCE_HARVEST_REUSE)
    @Outcome(id = HarvestReuseShape.BAD, expect = FORBIDDEN, desc = HarvestReuseShape.BAD_MEANS)
    public static class HarvestReuse extends HarvestReuseShape {
        @Actor
        public void collector(III_Result r) {
            harvest(S, r);
        }

        @Actor
        public void reset(III_Result r) {
            reset(S, r);
        }

        @Actor
        public void vcpu(III_Result r) {
            reuse(S, r);
        }

        @Override
        public String strategy() {
            return S.name();
        }
    }

    @JCStressTest
    @State
    @Description(Safety.BATCHED_FENCE_HARVEST_REUSE)
    @Outcome(id = HarvestReuseOnVcpuShape.BAD, expect = FORBIDDEN, desc = HarvestReuseOnVcpuShape.BAD_MEANS)
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
            return S.name();
        }
    }

    @JCStressTest
    @State
    @Description(Safety.BATCHED_FENCE_SHORT_RESET)
    @Outcome(id = ShortResetShape.BAD, expect = FORBIDDEN, desc = ShortResetShape.BAD_MEANS)
    public static class ShortReset extends ShortResetShape {
        @Actor
        public void collector() {
            markAndRing(S);
        }

        @Actor
        public void reset(III_Result r) {
            observe(S, S, r);
        }

        @Override
        public String strategy() {
            return S.name();
        }
    }
}
