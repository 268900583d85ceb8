package org.ringorder.ring;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.PaddedIndex;
import org.ringorder.memory.SharedIndex;
import org.ringorder.strategy.UserspaceSide;

/**
 * The VMM's half of the protocol, after QEMU's {@code kvm_dirty_ring_reap_one}: harvest each
 * ring from its fetch index while flags is DIRTY, record the page in the VMM's dirty bitmap,
 * mark the entry RESET; then ring the doorbell with the number of entries marked so far.
 */
public final class Reaper {
    private final UserspaceSide vmm;
    private final UserspaceSide bell;
    private final SlotBitmap dirtyLog;
    private final SharedIndex doorbell = new PaddedIndex();
    private int marked;
    private long outOfRange;
    private long stale;
    private long wholeRingPasses;

    public Reaper(UserspaceSide vmm, SlotBitmap dirtyLog) {
        this(vmm, dirtyLog, vmm);
    }

    /** A reaper whose doorbell has its own ordering ({@code bell}'s ring/observe), apart from the flags'. */
    public Reaper(UserspaceSide vmm, SlotBitmap dirtyLog, UserspaceSide bell) {
        this.vmm = vmm;
        this.dirtyLog = dirtyLog;
        this.bell = bell;
    }

    /** Harvest every ring, then ring the doorbell; returns the entries marked RESET. */
    public int reapAll(DirtyRing[] rings) {
        int total = 0;
        for (DirtyRing ring : rings) {
            total += harvest(ring);
        }
        marked += total;
        bell.ringDoorbell(doorbell, marked);
        return total;
    }

    /** One harvest pass over one ring; returns the entries marked RESET. */
    public int harvest(DirtyRing ring) {
        int n = vmm.twoPhase() ? harvestInBatch(ring, ring.gfns) : harvestEachEntry(ring, ring.gfns);
        if (n == ring.size) {
            wholeRingPasses++;
        }
        return n;
    }

    /**
     * Passes that found a whole ring DIRTY. The kernel keeps a ring's last {@code RSVD_ENTRIES}
     * free (it exits at the soft limit), so on a real ring this means the kernel overran it.
     */
    public long wholeRingPasses() {
        return wholeRingPasses;
    }

    /** QEMU's loop: the ring's memory and size read into locals first (an acquire would otherwise reload them per entry). */
    private <M> int harvestEachEntry(DirtyRing ring, Gfns<M> g) {
        final M m = g.memory();
        final UserspaceSide u = vmm;
        final int size = ring.size;
        final int wrap = size - 1;
        final boolean verifies = ring.expected != null;
        int fetch = ring.fetchIndex.get();
        int count = 0;
        while (count < size) {
            int i = fetch & wrap;
            if (u.observeDirty(g, m, i) != Gfns.F_DIRTY) {
                break;
            }
            int slot = g.slot(m, i);
            long offset = g.offset(m, i);
            if (verifies && ring.readStale(fetch, slot, offset)) {
                stale++;
            }
            markPage(slot, offset);
            u.markReset(g, m, i);
            fetch++;
            count++;
        }
        ring.fetchIndex.set(fetch);
        return count;
    }

    /** Two-phase: the pass's flag loads, one order, the payload reads, one order, the RESET stores. */
    private <M> int harvestInBatch(DirtyRing ring, Gfns<M> g) {
        final M m = g.memory();
        final UserspaceSide u = vmm;
        final int size = ring.size;
        final int wrap = size - 1;
        int fetch = ring.fetchIndex.get();
        int n = 0;
        while (n < size && u.observeDirty(g, m, (fetch + n) & wrap) == Gfns.F_DIRTY) {
            n++;
        }
        if (n == 0) {
            return 0;
        }
        u.afterBatchObserve();
        for (int j = 0; j < n; j++) {
            int i = (fetch + j) & wrap;
            int slot = g.slot(m, i);
            long offset = g.offset(m, i);
            if (ring.expected != null && ring.readStale(fetch + j, slot, offset)) {
                stale++;
            }
            markPage(slot, offset);
        }
        u.beforeBatchPublish();
        for (int j = 0; j < n; j++) {
            u.markReset(g, m, (fetch + j) & wrap);
        }
        ring.fetchIndex.set(fetch + n);
        return n;
    }

    /** QEMU's {@code kvm_slot_page_dirty}: a page outside every memslot is dropped (and counted). */
    private void markPage(int slot, long offset) {
        if (dirtyLog.contains(slot, offset, 0)) {
            dirtyLog.set(slot, offset);
        } else {
            outOfRange++;
        }
    }

    /** Payloads the harvest read that were not the ones pushed there (rings that verify only). */
    public long stale() {
        return stale;
    }

    /** The doorbell as its ordering reads it: the reset side's view of how far userspace marked. */
    public int observeDoorbell() {
        return bell.observeDoorbell(doorbell);
    }

    public SharedIndex doorbell() {
        return doorbell;
    }

    public SlotBitmap dirtyLog() {
        return dirtyLog;
    }

    /** Entries whose (slot, offset) named no page: a stale or torn payload. */
    public long outOfRange() {
        return outOfRange;
    }
}
