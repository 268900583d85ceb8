package org.ringorder.ring;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The guest's memslots as the reset sees them: {@code kvm_reset_dirty_gfn} validates a batch,
 * takes mmu_lock and re-protects the pages ({@code kvm_arch_mmu_enable_log_dirty_pt_masked}),
 * here by setting bits in a per-slot write-protect bitmap.
 */
public final class Memslots {
    private final SlotBitmap writeProtected;
    private final ReentrantLock mmuLock = new ReentrantLock();
    private long batches;
    private long pages;

    public Memslots(int nslots, long npages) {
        this.writeProtected = new SlotBitmap(nslots, npages);
    }

    /** {@code kvm_reset_dirty_gfn}: re-protect the pages of one coalesced (slot, offset, mask) batch. */
    public void resetDirtyGfn(int slot, long offset, long mask) {
        if (mask == 0 || !writeProtected.contains(slot, offset, 63 - Long.numberOfLeadingZeros(mask))) {
            return;
        }
        mmuLock.lock();
        try {
            writeProtected.setMask(slot, offset, mask);
            batches++;
            pages += Long.bitCount(mask);
        } finally {
            mmuLock.unlock();
        }
    }

    public SlotBitmap writeProtected() {
        return writeProtected;
    }

    /** Batches re-protected so far, one mmu_lock round trip each. */
    public long batches() {
        return batches;
    }

    /** Pages re-protected so far. */
    public long pages() {
        return pages;
    }
}
