package org.ringorder.ring;

import java.lang.invoke.VarHandle;
import org.ringorder.memory.Gfns;

/**
 * Puts rings into a given state without going through any strategy: what benchmarks do
 * between measured calls, and tests before they check one. Plain stores, then one full fence.
 */
public final class RingFixtures {
    private RingFixtures() {
    }

    /** Appends {@code n} entries as pushed (DIRTY) by vCPU {@code ringId}, dirtying pages in {@code pattern}. */
    public static void pushed(DirtyRing ring, int ringId, int n, OffsetPattern pattern) {
        append(ring, ringId, n, pattern, Gfns.F_DIRTY);
    }

    /** Appends {@code n} entries as pushed and harvested (RESET), waiting for the reset. */
    public static void harvested(DirtyRing ring, int ringId, int n, OffsetPattern pattern) {
        append(ring, ringId, n, pattern, Gfns.F_RESET);
        ring.fetchIndex.set(ring.dirtyIndex.get());
        VarHandle.fullFence();
    }

    /** Empties the ring: every entry cleared, all three indices at the dirty index. */
    public static void drained(DirtyRing ring) {
        clearFlags(ring.gfns);
        int at = ring.dirtyIndex.get();
        ring.fetchIndex.set(at);
        ring.resetIndex.set(at);
        VarHandle.fullFence();
    }

    /** Moves all three indices to {@code index} on an empty ring, e.g. next to the u32 wrap. */
    public static void startAt(DirtyRing ring, int index) {
        drained(ring);
        ring.dirtyIndex.set(index);
        ring.fetchIndex.set(index);
        ring.resetIndex.set(index);
        VarHandle.fullFence();
    }

    private static <M> void clearFlags(Gfns<M> g) {
        M m = g.memory();
        for (int i = 0; i < g.size(); i++) {
            g.setFlags(m, i, 0);
        }
    }

    private static void append(DirtyRing ring, int ringId, int n, OffsetPattern pattern, int flags) {
        append(ring, ring.gfns, ringId, n, pattern, flags);
    }

    private static <M> void append(DirtyRing ring, Gfns<M> g, int ringId, int n, OffsetPattern pattern, int flags) {
        int index = ring.dirtyIndex.get();
        if (index - ring.resetIndex.get() + n > ring.size) {
            throw new IllegalStateException("no room for " + n + " entries in a ring of " + ring.size);
        }
        M m = g.memory();
        int slot = pattern.slot(ringId);
        for (int k = 0; k < n; k++, index++) {
            int i = index & (ring.size - 1);
            g.setSlot(m, i, slot);
            g.setOffset(m, i, pattern.offset(ringId, index));
            g.setFlags(m, i, flags);
        }
        ring.dirtyIndex.set(index);
        VarHandle.fullFence();
    }
}
