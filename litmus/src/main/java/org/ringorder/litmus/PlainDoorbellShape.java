package org.ringorder.litmus;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.infra.results.II_Result;
import org.ringorder.memory.Gfns;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.UserspaceSide;

/**
 * Marc's example from the seed: the collector marks A, B, C and D RESET with the strategy's
 * stores, then hands off to a reset on another CPU through a plain flag; the reset observes the
 * flag, then scans in order while it sees RESET, with the strategy's loads. Paolo's answer: the
 * handoff is userspace's to order. Result: the handoff seen, how many entries the scan reset.
 */
@Outcome(id = "0, [01234]", expect = ACCEPTABLE, desc = "handoff not seen yet: any prefix")
@Outcome(id = "1, 4", expect = ACCEPTABLE, desc = "handoff seen, all four reset")
public abstract class PlainDoorbellShape extends Litmus {
    /** The handoff seen, yet the scan stopped before an entry marked before it. */
    public static final String BAD = "1, [0123]";
    public static final String BAD_MEANS = "handoff seen, the scan stopped short: entries marked before it are left";

    static final int ENTRIES = 4;

    public final int[] m = new int[4 * ENTRIES];
    /** The handoff flag: a plain int, as in the seed. */
    public int handoff;

    public PlainDoorbellShape() {
        for (int i = 0; i < ENTRIES; i++) {
            dirty(m, i, LAP1);
        }
    }

    /** The collector's batch, then the plain handoff. */
    protected final void markAndHandOff(UserspaceSide vmm) {
        vmm.beforeBatchPublish();
        for (int i = 0; i < ENTRIES; i++) {
            vmm.markReset(G, m, i);
        }
        handoff = 1;
    }

    /** The reset on another CPU: the plain flag, then kvm_dirty_ring_reset's scan, in order, while RESET. */
    protected final void observeAndScan(KernelSide kernel, II_Result r) {
        r.r1 = handoff;
        int n = 0;
        while (n < ENTRIES && (kernel.observeReset(G, m, n) & Gfns.F_RESET) != 0) {
            n++;
        }
        kernel.afterBatchObserve();
        r.r2 = n;
    }

    @Override
    public final Safety.Shape shape() {
        return Safety.Shape.PLAIN_DOORBELL;
    }

    @Override
    public final String form() {
        return "a plain handoff";
    }
}
