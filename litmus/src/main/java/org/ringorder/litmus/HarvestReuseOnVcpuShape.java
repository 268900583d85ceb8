package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.UserspaceSide;

/**
 * Harvest to reuse with two actors: the reset and the next push on one thread, as on QEMU's
 * KVM_EXIT_DIRTY_RING_FULL path (the vCPU thread resets the rings, re-enters the guest and pushes
 * again) while the collector harvests. The reset index is then published and observed on one
 * thread, so this form tests the collector's payload-load-before-RESET edge and the reset's
 * observe; the three-actor {@link HarvestReuseShape} adds the index edge. Result: the page the
 * collector read, whether the vCPU reused the entry.
 */
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "read lap 1; the reset did not see RESET yet")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "read lap 1; then the entry was reset and reused")
public abstract class HarvestReuseOnVcpuShape extends ReuseState {
    /** The collector's read returned lap 2's page (or a mix). */
    public static final String BAD = "[029], [01]";
    public static final String BAD_MEANS = HarvestReuseShape.BAD_MEANS;

    protected final void harvest(UserspaceSide vmm, II_Result r) {
        r.r1 = harvestOne(vmm);
    }

    /** The vCPU thread: reset the ring, then push the next lap if the reset made room. */
    protected final void resetThenReuse(KernelSide kernel, II_Result r) {
        r.r2 = resetOne(kernel) && reuseOne(kernel) ? 1 : 0;
    }

    @Override
    public final String form() {
        return "the reset on the vCPU's thread";
    }
}
