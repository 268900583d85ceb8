package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.III_Result;
import org.ringorder.memory.Gfns;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.UserspaceSide;

/**
 * Paolo's chain, three actors: the vCPU pushes lap 1's page; the collector observes DIRTY and
 * marks RESET (reading nothing); the reset observes RESET and reads the payload. The reset's read
 * is ordered after the vCPU's writes only through the collector: the ordering must be transitive.
 * Result: the collector's flags, the reset's flags, the page the reset read (-1: not read).
 *
 * <p>jcstress runs it only with a CPU per actor.
 */
@Outcome(id = "[01], [01], -1", expect = ACCEPTABLE, desc = "the reset did not see RESET yet: nothing read")
@Outcome(id = "1, 2, 1", expect = ACCEPTABLE, desc = "RESET seen, the pushed page read")
public abstract class ChainShape extends Litmus {
    /** RESET seen, yet the payload read is empty or torn. */
    public static final String BAD = "1, 2, [029]";
    public static final String BAD_MEANS = "RESET seen, payload stale: the reset re-protected the wrong page";

    public final int[] m = new int[4];

    protected final void push(KernelSide kernel) {
        write(m, 0, LAP1);
        kernel.publishDirty(G, m, 0);
    }

    /** The collector forwards: observe DIRTY, then RESET. */
    protected final void forward(UserspaceSide vmm, III_Result r) {
        int flags = vmm.observeDirty(G, m, 0);
        vmm.afterBatchObserve();
        r.r1 = flags;
        if (flags == Gfns.F_DIRTY) {
            vmm.beforeBatchPublish();
            vmm.markReset(G, m, 0);
        }
    }

    /** The reset: observe RESET, then read the payload. */
    protected final void reset(KernelSide kernel, III_Result r) {
        int flags = kernel.observeReset(G, m, 0);
        kernel.afterBatchObserve();
        r.r2 = flags;
        r.r3 = flags == Gfns.F_RESET ? readByReset(kernel, m, 0) : NOT_READ;
    }

    @Override
    public final Safety.Shape shape() {
        return Safety.Shape.CHAIN;
    }

    @Override
    public final String form() {
        return "three actors";
    }
}
