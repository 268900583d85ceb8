package org.ringorder.ring;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.PackedIndex;
import org.ringorder.memory.PaddedIndex;
import org.ringorder.memory.SharedIndex;
import org.ringorder.strategy.KernelSide;

/**
 * One vCPU's dirty ring, the kernel's half ({@code struct kvm_dirty_ring} and
 * virt/kvm/dirty_ring.c): push and reset. The VMM's half, harvest, is {@link Reaper}.
 *
 * <p>The three indices are free-running u32 counters (entry = index &amp; (size - 1)); each sits
 * on its own padded line because a different thread writes each: the vCPU the dirty index, the
 * collector the fetch index, the reset the reset index.
 */
public final class DirtyRing {
    /** The kernel's bounds: at least 4 KiB of entries, at most {@code KVM_DIRTY_RING_MAX_ENTRIES}. */
    public static final int MIN_ENTRIES = 256;
    public static final int MAX_ENTRIES = 65536;
    /** {@code KVM_DIRTY_RING_RSVD_ENTRIES}: headroom kept between soft-full and full. */
    public static final int RSVD_ENTRIES = 64;
    /** The x86 reserve with PML: {@code KVM_DIRTY_RING_RSVD_ENTRIES + kvm_cpu_dirty_log_size()} = 64 + 512. */
    public static final int PML_RESERVE = 576;

    private static final int BITS_PER_LONG = 64;

    final Gfns<?> gfns;
    final int size;
    final int softLimit;
    final KernelSide kernel;
    final SharedIndex dirtyIndex;
    final SharedIndex fetchIndex;
    final SharedIndex resetIndex;
    /** Which vCPU's ring this is, and the pattern its pages follow when the reset verifies them (else null). */
    final int id;
    final OffsetPattern expected;
    /** Entries the reset found with a payload other than the one pushed there: a stale read. */
    long stale;

    /**
     * @param gfns the ring's entries, zeroed; their count is the ring size
     * @param reserve entries kept free past the soft limit: {@link #RSVD_ENTRIES} or {@link #PML_RESERVE}
     * @param kernel the ordering of the kernel's side
     */
    public DirtyRing(Gfns<?> gfns, int reserve, KernelSide kernel) {
        this(gfns, reserve, kernel, 0, null, true);
    }

    /**
     * A ring whose readers verify every payload they read: entry {@code index} must hold
     * {@code expected.slot(id)} and {@code expected.offset(id, index)}. With {@code padded}
     * false the three indices sit side by side in one line, as in a plain C struct: for
     * measuring what false sharing costs.
     */
    public DirtyRing(Gfns<?> gfns, int reserve, KernelSide kernel, int id, OffsetPattern expected, boolean padded) {
        if (padded) {
            dirtyIndex = new PaddedIndex();
            fetchIndex = new PaddedIndex();
            resetIndex = new PaddedIndex();
        } else {
            int[] cells = new int[3];
            dirtyIndex = new PackedIndex(cells, 0);
            fetchIndex = new PackedIndex(cells, 1);
            resetIndex = new PackedIndex(cells, 2);
        }
        this.id = id;
        this.expected = expected;
        this.size = checkSize(gfns.size());
        this.softLimit = size - checkReserve(reserve, size);
        this.gfns = gfns;
        this.kernel = kernel;
    }

    /** Returns {@code n}, or throws naming the bad value and the accepted ones. */
    public static int checkSize(int n) {
        if (n < MIN_ENTRIES || n > MAX_ENTRIES || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("ring size " + n + " is not a power of two in "
                    + MIN_ENTRIES + ".." + MAX_ENTRIES + " (e.g. 1024, 4096, 16384, 65536)");
        }
        return n;
    }

    /** Returns {@code reserve}, or throws: 64, or 576 (x86 PML) on rings of at least 1024 entries. */
    public static int checkReserve(int reserve, int size) {
        if (reserve == RSVD_ENTRIES || (reserve == PML_RESERVE && size >= 1024)) {
            return reserve;
        }
        throw new IllegalArgumentException("reserve " + reserve + " does not fit ring size " + size
                + ": expected 64, or 576 (x86 PML) with a ring size of at least 1024");
    }

    public Gfns<?> gfns() {
        return gfns;
    }

    public int size() {
        return size;
    }

    public int softLimit() {
        return softLimit;
    }

    public SharedIndex dirtyIndex() {
        return dirtyIndex;
    }

    public SharedIndex fetchIndex() {
        return fetchIndex;
    }

    public SharedIndex resetIndex() {
        return resetIndex;
    }

    /** Entries pushed and not yet reset, as the vCPU sees it. */
    public int used() {
        return kernel.observeDirtyIndex(dirtyIndex) - kernel.observeResetIndex(resetIndex);
    }

    /** {@code kvm_dirty_ring_soft_full}: the vCPU must exit to userspace before entering the guest. */
    public boolean softFull() {
        return used() >= softLimit;
    }

    /** {@code kvm_dirty_ring_full}: one more push would overwrite an entry not yet reset. */
    public boolean full() {
        return used() >= size;
    }

    /**
     * {@code kvm_dirty_ring_push}: payload, then flags=DIRTY. Returns true when the ring is now
     * soft-full ({@code KVM_REQ_DIRTY_RING_SOFT_FULL}).
     */
    public boolean push(int slot, long offset) {
        return push(gfns, slot, offset);
    }

    private <M> boolean push(Gfns<M> g, int slot, long offset) {
        final M m = g.memory();
        int index = kernel.observeDirtyIndex(dirtyIndex);
        int used = index - kernel.observeResetIndex(resetIndex);
        if (used >= size) {
            throw new IllegalStateException("push into a full ring: " + used + " of " + size + " entries in use");
        }
        int i = index & (size - 1);
        g.setSlot(m, i, slot);
        g.setOffset(m, i, offset);
        kernel.publishDirty(g, m, i);
        dirtyIndex.set(index + 1);
        return used + 1 >= softLimit;
    }

    /**
     * {@code kvm_dirty_ring_reset}: from the reset index while flags has RESET, read slot and
     * offset, clear flags, coalesce into (slot, offset, 64-bit mask) batches and re-protect each;
     * then publish the new reset index. Returns the number of entries reset. The caller holds
     * slots_lock.
     */
    public int reset(Memslots memslots) {
        return kernel.twoPhase() ? resetInBatches(gfns, memslots) : resetEachEntry(gfns, memslots);
    }

    private <M> int resetEachEntry(Gfns<M> g, Memslots memslots) {
        final M m = g.memory();
        final KernelSide k = kernel;
        final boolean indexEachEntry = k.resetIndexEachEntry();
        final int wrap = size - 1;
        int index = resetIndex.get();
        int count = 0;
        final GfnBatch batch = new GfnBatch(memslots);
        while (count < size) {
            int i = index & wrap;
            if ((k.observeReset(g, m, i) & Gfns.F_RESET) == 0) {
                break;
            }
            int nextSlot = k.resetSlot(g, m, i);
            long nextOffset = k.resetOffset(g, m, i);
            if (expected != null && readStale(index, nextSlot, nextOffset)) {
                stale++;
            }
            k.invalidate(g, m, i);
            index++;
            count++;
            if (indexEachEntry) {
                k.publishResetIndex(resetIndex, index);
            }
            batch.add(nextSlot, nextOffset);
        }
        batch.resetDirtyGfn();
        if (!indexEachEntry) {
            k.publishResetIndex(resetIndex, index);
        }
        return count;
    }

    /** Two-phase: up to 64 flag loads, one order, the payload and coalescing, one order, the flag stores. */
    private <M> int resetInBatches(Gfns<M> g, Memslots memslots) {
        final M m = g.memory();
        final KernelSide k = kernel;
        final int wrap = size - 1;
        int index = resetIndex.get();
        int count = 0;
        final GfnBatch batch = new GfnBatch(memslots);
        while (count < size) {
            int n = 0;
            while (n < BITS_PER_LONG && count + n < size && (k.observeReset(g, m, (index + n) & wrap) & Gfns.F_RESET) != 0) {
                n++;
            }
            if (n == 0) {
                break;
            }
            k.afterBatchObserve();
            for (int j = 0; j < n; j++) {
                int i = (index + j) & wrap;
                int nextSlot = k.resetSlot(g, m, i);
                long nextOffset = k.resetOffset(g, m, i);
                if (expected != null && readStale(index + j, nextSlot, nextOffset)) {
                    stale++;
                }
                batch.add(nextSlot, nextOffset);
            }
            k.beforeBatchPublish();
            for (int j = 0; j < n; j++) {
                k.invalidate(g, m, (index + j) & wrap);
            }
            index += n;
            count += n;
        }
        batch.resetDirtyGfn();
        k.publishResetIndex(resetIndex, index);
        return count;
    }

    /**
     * Whether a reader (the reset here, the harvest in {@link Reaper}) read at {@code index} a
     * payload other than the one pushed there. Only for a ring built with an expected pattern.
     */
    boolean readStale(int index, int slot, long offset) {
        return slot != expected.slot(id) || offset != expected.offset(id, index);
    }

    /** Stale payloads the reset has read from this ring so far. */
    public long stale() {
        return stale;
    }

    public int id() {
        return id;
    }

    /**
     * The reset's coalescing rule: the mask after adding a page {@code delta} pages from the
     * batch's base, or 0 when it cannot join. Forwards within 64 pages it sets bit delta;
     * backwards it moves the base down, unless a set bit would fall off the top.
     */
    static long coalesce(long mask, long delta) {
        if (delta >= 0 && delta < BITS_PER_LONG) {
            return mask | (1L << delta);
        }
        if (delta > -BITS_PER_LONG && delta < 0 && (mask << -delta >>> -delta) == mask) {
            return (mask << -delta) | 1;
        }
        return 0;
    }

    /**
     * The reset's batch, {@code kvm_reset_dirty_gfn}'s (slot, offset, mask): entries join it while
     * {@link #coalesce} allows, and the batch is re-protected when one cannot. One per reset call
     * and it does not escape, so C2 can scalar-replace it: its fields kept as the locals they were.
     */
    private static final class GfnBatch {
        private final Memslots memslots;
        private int slot;
        private long offset;
        private long mask;

        GfnBatch(Memslots memslots) {
            this.memslots = memslots;
        }

        /** One entry of the reset: into the batch, or the batch re-protected and a new one begun with it. */
        void add(int nextSlot, long nextOffset) {
            if (mask != 0 && nextSlot == slot) {
                long joined = coalesce(mask, nextOffset - offset);
                if (joined != 0) {
                    offset = Math.min(offset, nextOffset);
                    mask = joined;
                    return;
                }
            }
            resetDirtyGfn();
            slot = nextSlot;
            offset = nextOffset;
            mask = 1;
        }

        /** {@code kvm_reset_dirty_gfn}: re-protect the batch's pages (none when it is empty). */
        void resetDirtyGfn() {
            memslots.resetDirtyGfn(slot, offset, mask);
        }
    }
}
