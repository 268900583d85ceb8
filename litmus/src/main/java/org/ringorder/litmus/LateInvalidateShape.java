package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Safety;

/**
 * A late {@code flags = 0} against the next lap's DIRTY (the kernel's side alone): the entry is
 * RESET and already read; the reset clears its flags, then publishes the reset index; the vCPU
 * observes the index and pushes lap 2 into the entry. The arbiter reads the entry's flags once
 * both are done. Result: whether the vCPU pushed, the entry's final flags.
 */
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the vCPU did not see the index: the entry is invalid, as reset")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the vCPU pushed after the reset: the entry is DIRTY")
public abstract class LateInvalidateShape extends ResetEntryState {
    /** Pushed, yet the entry ends invalid: the reset's flags = 0 landed after the new DIRTY. */
    public static final String BAD = "1, 0";
    public static final String BAD_MEANS = "the late flags = 0 erased the next lap's DIRTY: that page is never harvested";

    /** The end of kvm_dirty_ring_reset on one entry: flags = 0, then the reset index. */
    protected final void invalidate(KernelSide kernel) {
        kernel.beforeBatchPublish();
        kernel.invalidate(G, m, 0);
        kernel.publishResetIndex(resetIndex, 1);
    }

    /** The vCPU: push into the entry once the reset index says it is free. */
    protected final void push(KernelSide kernel, II_Result r) {
        r.r1 = refill(kernel) ? 1 : 0;
    }

    /** After both: what a harvest would find. */
    protected final void finalFlags(II_Result r) {
        r.r2 = G.flags(m, 0);
    }

    @Override
    public final Safety.Shape shape() {
        return Safety.Shape.LATE_INVALIDATE;
    }
}
