package org.ringorder.litmus.broken;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.litmus.ChainShape;
import org.ringorder.litmus.HarvestReuseOnVcpuShape;
import org.ringorder.litmus.LateInvalidateShape;
import org.ringorder.litmus.PlainDoorbellShape;
import org.ringorder.litmus.PushHarvestShape;
import org.ringorder.litmus.ResetReuseShape;
import org.ringorder.litmus.ShortResetShape;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.SharedIndex;
import org.ringorder.strategy.AcquireLoad;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Roles;

/**
 * The litmus harness's own check, one test per shape: acquire-load with the shape's bad ordering
 * written in program order (so x86, which hides hardware reorderings, shows it too). Each must
 * show its bad outcome, or an all-zero table would prove nothing. Not strategies users can pick;
 * run them with {@code java -jar litmus.jar quick 'org\.ringorder\.litmus\.broken\..*'}.
 * (harvest-reuse's is in its two-actor form; chain has three actors and runs only on 3 or more
 * CPUs.)
 */
public final class BrokenLitmus {
    /** The ordered sides every broken test starts from. */
    static final AcquireLoad AL = new AcquireLoad();

    private BrokenLitmus() {
    }

    /** acquire-load, except that the collector marks RESET as soon as it observes DIRTY, before it reads the payload. */
    static final class MarkResetBeforeRead implements ResetStrategy {
        public String name() { return "broken: RESET before the payload read"; }

        public <M> int observeDirty(Gfns<M> g, M m, int i) {
            int flags = AL.observeDirty(g, m, i);
            AL.markReset(g, m, i); // too early: the payload is read after this
            return flags;
        }

        public <M> void markReset(Gfns<M> g, M m, int i) { }
        public void ringDoorbell(SharedIndex d, int marked) { AL.ringDoorbell(d, marked); }
        public int observeDoorbell(SharedIndex d) { return AL.observeDoorbell(d); }
        public <M> void publishDirty(Gfns<M> g, M m, int i) { AL.publishDirty(g, m, i); }
        public <M> int observeReset(Gfns<M> g, M m, int i) { return AL.observeReset(g, m, i); }
        public <M> void invalidate(Gfns<M> g, M m, int i) { AL.invalidate(g, m, i); }
        public void publishResetIndex(SharedIndex r, int v) { AL.publishResetIndex(r, v); }
        public int observeResetIndex(SharedIndex r) { return AL.observeResetIndex(r); }
    }

    static final ResetStrategy MARK_RESET_FIRST = new MarkResetBeforeRead();

    @JCStressTest
    @State
    @Description("push-harvest broken: DIRTY published before the payload is written")
    @Outcome(id = PushHarvestShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = PushHarvestShape.BAD_MEANS)
    public static class PushHarvest extends PushHarvestShape {
        @Actor
        public void vcpu() {
            AL.publishDirty(G, m, 0);
            write(m, 0, LAP1);
        }

        @Actor
        public void collector(II_Result r) {
            harvest(AL, r);
        }

        @Override
        public String strategy() {
            return "broken-dirty-first";
        }

        @Override
        public Roles roles() {
            return Roles.ALL;
        }
    }

    @JCStressTest
    @State
    @Description("harvest-reuse broken: RESET marked before the payload is read; the vCPU may reset and reuse the entry in between")
    @Outcome(id = HarvestReuseOnVcpuShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = HarvestReuseOnVcpuShape.BAD_MEANS)
    public static class HarvestReuseOnVcpu extends HarvestReuseOnVcpuShape {
        @Actor
        public void collector(II_Result r) {
            harvest(MARK_RESET_FIRST, r);
        }

        @Actor
        public void vcpu(II_Result r) {
            resetThenReuse(MARK_RESET_FIRST, r);
        }

        @Override
        public String strategy() {
            return "broken-mark-reset-first";
        }

        @Override
        public Roles roles() {
            return Roles.ALL;
        }
    }

    @JCStressTest
    @State
    @Description("reset-reuse broken: the reset index published before the reset reads the payload")
    @Outcome(id = ResetReuseShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = ResetReuseShape.BAD_MEANS)
    public static class ResetReuse extends ResetReuseShape {
        @Actor
        public void reset(II_Result r) {
            AL.observeReset(G, m, 0);
            AL.publishResetIndex(resetIndex, 1);
            r.r1 = readByReset(AL, m, 0);
            AL.invalidate(G, m, 0);
        }

        @Actor
        public void vcpu(II_Result r) {
            reuse(AL, r);
        }

        @Override
        public String strategy() {
            return "broken-index-before-read";
        }

        @Override
        public Roles roles() {
            return Roles.ALL;
        }
    }

    @JCStressTest
    @State
    @Description("late-invalidate broken: the reset index published before flags = 0")
    @Outcome(id = LateInvalidateShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = LateInvalidateShape.BAD_MEANS)
    public static class LateInvalidate extends LateInvalidateShape {
        @Actor
        public void reset() {
            AL.publishResetIndex(resetIndex, 1);
            AL.invalidate(G, m, 0);
        }

        @Actor
        public void vcpu(II_Result r) {
            push(AL, r);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            finalFlags(r);
        }

        @Override
        public String strategy() {
            return "broken-index-before-invalidate";
        }

        @Override
        public Roles roles() {
            return Roles.ALL;
        }
    }

    @JCStressTest
    @State
    @Description("chain broken: the reset reads the payload before it observes RESET")
    @Outcome(id = ChainShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = ChainShape.BAD_MEANS)
    public static class Chain extends ChainShape {
        @Actor
        public void vcpu() {
            push(AL);
        }

        @Actor
        public void collector(III_Result r) {
            forward(AL, r);
        }

        @Actor
        public void reset(III_Result r) {
            int page = readByReset(AL, m, 0);
            int flags = AL.observeReset(G, m, 0);
            r.r2 = flags;
            r.r3 = flags == Gfns.F_RESET ? page : NOT_READ;
        }

        @Override
        public String strategy() {
            return "broken-read-before-observe";
        }

        @Override
        public Roles roles() {
            return Roles.ALL;
        }
    }

    @JCStressTest
    @State
    @Description("short-reset broken: the doorbell rung before the RESET stores")
    @Outcome(id = ShortResetShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = ShortResetShape.BAD_MEANS)
    public static class ShortReset extends ShortResetShape {
        @Actor
        public void collector() {
            AL.ringDoorbell(doorbell, 2);
            AL.markReset(G, m, 0);
            AL.markReset(G, m, 1);
        }

        @Actor
        public void reset(III_Result r) {
            observe(AL, AL, r);
        }

        @Override
        public String strategy() {
            return "broken-doorbell-first";
        }

        @Override
        public Roles roles() {
            return Roles.ALL;
        }
    }

    @JCStressTest
    @State
    @Description("plain-doorbell broken: the handoff flag set before the RESET stores")
    @Outcome(id = PlainDoorbellShape.BAD, expect = ACCEPTABLE_INTERESTING, desc = PlainDoorbellShape.BAD_MEANS)
    public static class PlainDoorbell extends PlainDoorbellShape {
        @Actor
        public void collector() {
            handoff = 1;
            for (int i = 0; i < 4; i++) {
                AL.markReset(G, m, i);
            }
        }

        @Actor
        public void reset(II_Result r) {
            observeAndScan(AL, r);
        }

        @Override
        public String strategy() {
            return "broken-handoff-first";
        }

        @Override
        public Roles roles() {
            return Roles.ALL;
        }
    }
}
