package org.ringorder.ring;

import org.ringorder.strategy.Flag;

/**
 * Which guest page a vCPU dirties as its i-th push: a pure function of (ring, free-running index),
 * so any reader can recompute the payload it should see, lap included.
 */
public enum OffsetPattern implements Flag {
    /** Runs of ascending pages: the reset coalesces 64 entries into one batch. */
    SEQUENTIAL("sequential"),
    /** Each run of 64 pages visited top-down: the kernel's backwards coalescing path. */
    BACKWARD("backward"),
    /** Scattered pages: nearly every entry is a batch of its own. */
    RANDOM("random");

    /** Pages per memslot in the model: 4 GiB of 4 KiB pages. */
    public static final long NPAGES = 1L << 20;

    private final String flag;

    OffsetPattern(String flag) {
        this.flag = flag;
    }

    @Override
    public String flag() {
        return flag;
    }

    /** The memslot ring {@code ring} dirties (one slot, as_id 0). */
    public int slot(int ring) {
        return 0;
    }

    /** The page ring {@code ring} dirties at free-running index {@code index}. */
    public long offset(int ring, int index) {
        long base = (long) ring << 16;
        switch (this) {
            case SEQUENTIAL:
                return (base + (index & 0xffff_ffffL)) & (NPAGES - 1);
            case BACKWARD:
                return (base + ((index & 0xffff_ffffL) ^ 63)) & (NPAGES - 1);
            default:
                return mix(((long) ring << 32) | (index & 0xffff_ffffL)) & (NPAGES - 1);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    public static OffsetPattern byName(String name) {
        return Flag.byFlag(OffsetPattern.class, name, "pattern");
    }
}
