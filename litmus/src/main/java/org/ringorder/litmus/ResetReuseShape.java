package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Safety;

/**
 * The reset's own payload read against the vCPU's reuse (the kernel's side alone): the entry is
 * RESET with lap 1's page; the reset reads the payload, invalidates and publishes the reset index;
 * the vCPU observes the index and writes lap 2's page into the entry. No margin: the entry
 * reused is the one being reset, which Linux's soft limit never lets happen. Result: the page the
 * reset read, whether the vCPU reused the entry.
 */
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the reset read lap 1; the vCPU did not see the index yet")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reset read lap 1; then the vCPU refilled the entry")
public abstract class ResetReuseShape extends ResetEntryState {
    /** The reset read lap 2's page (or a mix): it re-protected the wrong page. */
    public static final String BAD = "[029], [01]";
    public static final String BAD_MEANS = "the reset read the next lap's payload: it reset the wrong page";

    /** kvm_dirty_ring_reset on one entry: observe RESET, read the payload, flags = 0, the reset index. */
    protected final void reset(KernelSide kernel, II_Result r) {
        kernel.observeReset(G, m, 0);
        kernel.afterBatchObserve();
        r.r1 = readByReset(kernel, m, 0);
        kernel.beforeBatchPublish();
        kernel.invalidate(G, m, 0);
        kernel.publishResetIndex(resetIndex, 1);
    }

    /** The vCPU: refill the entry once the reset index says it is free. */
    protected final void reuse(KernelSide kernel, II_Result r) {
        r.r2 = refill(kernel) ? 1 : 0;
    }

    @Override
    public final Safety.Shape shape() {
        return Safety.Shape.RESET_REUSE;
    }
}
