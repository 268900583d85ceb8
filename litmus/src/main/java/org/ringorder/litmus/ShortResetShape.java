package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.III_Result;
import org.ringorder.memory.PaddedIndex;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.UserspaceSide;

/**
 * Short reset through the doorbell: userspace marks entries A and B RESET (one batch), then rings
 * the doorbell with the count marked; the reset side observes the doorbell, then loads A's and
 * B's flags. Result: the doorbell seen, A's flags, B's flags (1 DIRTY, 2 RESET). Before the
 * doorbell any flags are fine: a scan may see B marked and A not, having read A first.
 */
@Outcome(id = "0, [12], [12]", expect = ACCEPTABLE, desc = "doorbell not seen yet: any flags")
@Outcome(id = "2, 2, 2", expect = ACCEPTABLE, desc = "doorbell seen, A and B RESET")
public abstract class ShortResetShape extends Litmus {
    /** The doorbell said two, yet A or B is not RESET: the reset stops short and leaves them. */
    public static final String BAD = "2, (1, [12]|2, 1)";
    public static final String BAD_MEANS = "doorbell seen, A or B not RESET: a short reset";

    public final int[] m = new int[8];
    public final PaddedIndex doorbell = new PaddedIndex(0);

    public ShortResetShape() {
        dirty(m, 0, LAP1);
        dirty(m, 1, LAP1);
    }

    /** The collector's batch: RESET on A and B, then the doorbell. */
    protected final void markAndRing(UserspaceSide vmm) {
        vmm.beforeBatchPublish();
        vmm.markReset(G, m, 0);
        vmm.markReset(G, m, 1);
        vmm.ringDoorbell(doorbell, 2);
    }

    /** The reset side: the doorbell, then A's and B's flags, as its scan loads them. */
    protected final void observe(UserspaceSide vmm, KernelSide kernel, III_Result r) {
        r.r1 = vmm.observeDoorbell(doorbell);
        r.r2 = kernel.observeReset(G, m, 0);
        r.r3 = kernel.observeReset(G, m, 1);
        kernel.afterBatchObserve();
    }

    @Override
    public final Safety.Shape shape() {
        return Safety.Shape.SHORT_RESET;
    }

    @Override
    public final String form() {
        return "the strategy's doorbell";
    }
}
