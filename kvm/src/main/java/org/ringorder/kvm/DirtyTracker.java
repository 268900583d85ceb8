package org.ringorder.kvm;

import java.util.function.LongConsumer;

/**
 * How the VMM learns which guest pages were written since it last looked: the kernel's dirty
 * ring ({@link RingTracker}) or its dirty bitmap ({@link BitmapTracker}). A cycle is
 * {@link #collect} then {@link #send}: collect finds the pages and re-arms their tracking
 * (KVM_RESET_DIRTY_RINGS; KVM_CLEAR_DIRTY_LOG, or a KVM_GET_DIRTY_LOG without manual protect)
 * before send hands them on, so a write after the re-arm is reported by a later cycle and a
 * write before it is in what send copies. That order is what migration relies on; the
 * {@link Break} variants violate it on purpose. Only collect is timed: send is the same for both.
 */
interface DirtyTracker {
    /** Finds the pages dirtied since the last cycle and re-arms them; returns how many. */
    int collect();

    /** Hands each page the last {@link #collect} found to {@code page} (a page number in the data slot). */
    void send(LongConsumer page);

    /** After the vCPUs have stopped and the last cycle ran: any re-arm a broken variant left for later. */
    void finish();

    /** The kernel interface it uses, as kvm.json names it. */
    String capability();

    /** Tracking ioctls issued (reset, get, clear), and their wall time in ns. */
    long ioctls();

    long ioctlNanos();
}
