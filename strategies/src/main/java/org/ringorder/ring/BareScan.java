package org.ringorder.ring;

import java.lang.invoke.VarHandle;
import org.ringorder.memory.Gfns;
import org.ringorder.strategy.KernelSide;

/**
 * The bare reset scan: from entry 0 while flags has RESET, add up the offsets and clear flags. No
 * coalescing, no re-protect: only the loop and its orderings. The native backend runs the same
 * loop in C ({@code scan} in kernels.h), which makes it the yardstick for the harness's own overhead.
 */
public final class BareScan {
    private BareScan() {
    }

    /** Scans {@code n} entries from 0; returns the sum of the offsets it read. */
    public static <M> long scan(Gfns<M> g, KernelSide k, int n) {
        return k.twoPhase() ? scanInBatches(g, k, n) : scanEachEntry(g, k, n);
    }

    private static <M> long scanEachEntry(Gfns<M> g, KernelSide k, int n) {
        final M m = g.memory();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if ((k.observeReset(g, m, i) & Gfns.F_RESET) == 0) {
                break;
            }
            sum += g.offset(m, i);
            k.invalidate(g, m, i);
        }
        return sum;
    }

    private static <M> long scanInBatches(Gfns<M> g, KernelSide k, int n) {
        final M m = g.memory();
        long sum = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            int limit = Math.min(n, start + 64);
            while (end < limit && (k.observeReset(g, m, end) & Gfns.F_RESET) != 0) {
                end++;
            }
            if (end == start) {
                break;
            }
            k.afterBatchObserve();
            for (int i = start; i < end; i++) {
                sum += g.offset(m, i);
            }
            k.beforeBatchPublish();
            for (int i = start; i < end; i++) {
                k.invalidate(g, m, i);
            }
            if (end < limit) {
                break;
            }
            start = end;
        }
        return sum;
    }

    /** Entries 0..n-1 RESET with slot 1 and offset i, for the next scan. Not timed. */
    public static <M> void markAll(Gfns<M> g, int n) {
        final M m = g.memory();
        for (int i = 0; i < n; i++) {
            g.setSlot(m, i, 1);
            g.setOffset(m, i, i);
            g.setFlags(m, i, Gfns.F_RESET);
        }
        VarHandle.fullFence();
    }
}
