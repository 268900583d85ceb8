package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.memory.Gfns;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.UserspaceSide;

/**
 * Push to harvest, message passing (edges e1, e2): the vCPU writes the page's slot and offset,
 * then publishes DIRTY; the collector observes DIRTY, then reads the payload. Result: the flag the
 * collector saw, and the payload it read (-1: not read, the flag was not DIRTY).
 */
@Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "DIRTY not seen yet: nothing harvested")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "DIRTY seen, the pushed page read")
public abstract class PushHarvestShape extends Litmus {
    /** DIRTY seen, yet the payload read is empty or torn: the collector reports the wrong page. */
    public static final String BAD = "1, [029]";
    public static final String BAD_MEANS = "DIRTY seen, payload stale or torn: the real dirty page is lost";

    public final int[] m = new int[4];

    /** kvm_dirty_ring_push: the payload, then DIRTY. */
    protected final void push(KernelSide kernel) {
        write(m, 0, LAP1);
        kernel.publishDirty(G, m, 0);
    }

    /** kvm_dirty_ring_reap_one: observe DIRTY, then read the payload. */
    protected final void harvest(UserspaceSide vmm, II_Result r) {
        int flags = vmm.observeDirty(G, m, 0);
        vmm.afterBatchObserve();
        r.r1 = flags;
        r.r2 = flags == Gfns.F_DIRTY ? read(m, 0) : -1;
    }

    @Override
    public final Safety.Shape shape() {
        return Safety.Shape.PUSH_HARVEST;
    }

    @Override
    public final String form() {
        return "one entry";
    }
}
