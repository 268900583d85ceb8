package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.III_Result;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.UserspaceSide;

/**
 * Harvest to reuse through the reset index (edges e3 to e6), three actors: the collector reads the
 * lap-1 payload of a DIRTY entry, then marks it RESET; the reset observes RESET, invalidates and
 * publishes the reset index; the vCPU observes the reset index and writes lap 2's page into the
 * freed entry. Result: the page the collector read, whether the reset cleared the entry, whether
 * the vCPU reused it.
 *
 * <p>jcstress runs a test only with a CPU per actor: on two CPUs this one is skipped (the summary
 * says so); {@link HarvestReuseOnVcpuShape} is the two-actor form.
 */
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "read lap 1; the reset did not see RESET yet")
@Outcome(id = "1, 1, [01]", expect = ACCEPTABLE, desc = "read lap 1; the reset cleared it, the vCPU may have reused it")
public abstract class HarvestReuseShape extends ReuseState {
    /** The collector's read returned lap 2's page (or a mix): its harvest reported the wrong page. */
    public static final String BAD = "[029], [01], [01]";
    public static final String BAD_MEANS = "the collector's payload read saw the next lap: the page it harvested is lost";

    protected final void harvest(UserspaceSide vmm, III_Result r) {
        r.r1 = harvestOne(vmm);
    }

    protected final void reset(KernelSide kernel, III_Result r) {
        r.r2 = resetOne(kernel) ? 1 : 0;
    }

    protected final void reuse(KernelSide kernel, III_Result r) {
        r.r3 = reuseOne(kernel) ? 1 : 0;
    }

    @Override
    public final String form() {
        return "three actors";
    }
}
