package org.ringorder.bench.paired;

/**
 * One side of a paired measurement: a VM whose rings one strategy harvests and resets. The
 * benchmark times {@link #cycle} of two sides in turn; each side's loops are its own compiled
 * code (see {@link IsolatingLoader}), so neither side's call sites ever see the other's strategy.
 */
public interface PairSide {
    /**
     * Re-arms every ring full of DIRTY entries (not timed), then times the harvest (observe DIRTY,
     * read the payload, mark RESET, the doorbell) and the reset ioctl that follows it, adding their
     * nanoseconds to {@code nanos[0]} and {@code nanos[1]}. Fails when either pass did not process
     * every entry.
     */
    void cycle(long[] nanos);

    /** Entries each pass processes: ring size times rings. */
    int entries();
}
