package org.ringorder.ring;

import java.util.function.IntSupplier;

/**
 * QEMU's {@code kvm_dirty_ring_reap_locked}: harvest every ring, then call the reset ioctl on the
 * same thread, whose count must equal the entries harvested ({@code assert(ret == total)}). The
 * reset is the simulation's {@link DirtyRingVm#resetDirtyRings} or the kernel's real
 * {@code KVM_RESET_DIRTY_RINGS}; a mismatch is counted, not asserted, so a run can report it.
 */
public final class Collector {
    private final Reaper reaper;
    private final DirtyRing[] rings;
    private final IntSupplier reset;
    private long mismatches;
    private long resetCalls;
    private long resetEntries;

    public Collector(Reaper reaper, DirtyRing[] rings, IntSupplier reset) {
        this.reaper = reaper;
        this.rings = rings;
        this.reset = reset;
    }

    /** One reap and reset; returns the entries reset (0, and no reset call, when nothing was DIRTY). */
    public int reapAndReset() {
        int marked = reaper.reapAll(rings);
        if (marked == 0) {
            return 0;
        }
        int cleared = reset.getAsInt();
        resetCalls++;
        resetEntries += cleared;
        if (cleared != marked) {
            mismatches++;
        }
        return cleared;
    }

    /** Reset calls whose count was not the entries harvested before them. */
    public long mismatches() {
        return mismatches;
    }

    public long resetCalls() {
        return resetCalls;
    }

    public long resetEntries() {
        return resetEntries;
    }

    public Reaper reaper() {
        return reaper;
    }
}
