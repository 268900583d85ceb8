package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.strategy.Opaque;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Safety;

/**
 * opaque on each of the protocol's shapes. The strategy sits in a {@code static final}, so C2
 * inlines its access modes into the actors exactly as it does in the ring; each test's
 * description is its entry in {@link Safety}.
 */
public final class OpaqueLitmus {
    static final ResetStrategy S = new Opaque();

    private OpaqueLitmus() {
    }

    @JCStressTest
    @State
    @Description(Safety.OPAQUE_PUSH_HARVEST)
    @Outcome(id = PushHarvestShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = PushHarvestShape.BAD_MEANS)
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
    @Description(Safety.OPAQUE_HARVEST_REUSE)
    @Outcome(id = HarvestReuseShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = HarvestReuseShape.BAD_MEANS)
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
    @Description(Safety.OPAQUE_HARVEST_REUSE)
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
            return S.name();
        }
    }

    @JCStressTest
    @State
    @Description(Safety.OPAQUE_SHORT_RESET)
    @Outcome(id = ShortResetShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = ShortResetShape.BAD_MEANS)
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
