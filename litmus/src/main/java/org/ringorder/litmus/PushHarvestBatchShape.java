package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.ringorder.memory.Gfns;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.UserspaceSide;

/**
 * Push to harvest with a batch of two: the vCPU pushes A, then B; the collector loads both flags,
 * orders once ({@code afterBatchObserve}: batched-fence's one fence), then reads each payload it
 * saw DIRTY. This is the form where a two-phase harvest differs from a per-entry one. Result: A's
 * flag, A's payload, B's flag, B's payload (-1: not read).
 */
@Outcome(id = "0, -1, 0, -1", expect = ACCEPTABLE, desc = "neither DIRTY seen yet")
@Outcome(id = "1, 1, 0, -1", expect = ACCEPTABLE, desc = "A seen and read; B not pushed yet")
@Outcome(id = "0, -1, 1, 1", expect = ACCEPTABLE, desc = "A loaded before its push, B after: B read (a harvest would stop at A)")
@Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "both seen and read")
public abstract class PushHarvestBatchShape extends Litmus {
    /** A DIRTY seen whose payload read is empty or torn. */
    public static final String BAD = "(1, [029], .*|.*, 1, [029])";
    public static final String BAD_MEANS = "DIRTY seen in the batch, payload stale or torn: a real dirty page is lost";

    public final int[] m = new int[8];

    /** Two kvm_dirty_ring_push calls: A, then B. */
    protected final void pushTwo(KernelSide kernel) {
        write(m, 0, LAP1);
        kernel.publishDirty(G, m, 0);
        write(m, 1, LAP1);
        kernel.publishDirty(G, m, 1);
    }

    /** One harvest pass: both flags, one order, then the payloads of the entries seen DIRTY. */
    protected final void harvestBatch(UserspaceSide vmm, IIII_Result r) {
        int a = vmm.observeDirty(G, m, 0);
        int b = vmm.observeDirty(G, m, 1);
        vmm.afterBatchObserve();
        r.r1 = a;
        r.r2 = a == Gfns.F_DIRTY ? read(m, 0) : NOT_READ;
        r.r3 = b;
        r.r4 = b == Gfns.F_DIRTY ? read(m, 1) : NOT_READ;
    }

    @Override
    public final Safety.Shape shape() {
        return Safety.Shape.PUSH_HARVEST;
    }

    @Override
    public final String form() {
        return "a batch of two";
    }
}
