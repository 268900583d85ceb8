package org.ringorder.kvm;

import org.ringorder.strategy.Flag;

/**
 * Test-only ways to get a collection cycle's order wrong, for proving that the migration-style
 * check catches a lost write ({@code ringorder kvm --break}, hidden). Each belongs to one mechanism.
 */
public enum Break implements Flag {
    NONE("none", null),
    /**
     * The collector harvests and sends but never calls KVM_RESET_DIRTY_RINGS. Where the kernel
     * leaves a logged page writable until its reset (EPT or NPT with the fast path), later writes
     * to it are lost; where it logs every write (this machine's kvm_pvm), the ring fills and the
     * guest stalls in ring-full exits with nothing to harvest.
     */
    SKIP_RESET("skip-reset", Mechanism.RING),
    /**
     * Each cycle's reset comes after its pages were sent, at the start of the next cycle: on a
     * kernel that leaves logged pages writable, writes in between are lost.
     */
    RESET_AFTER_COPY("reset-after-copy", Mechanism.RING),
    /** Each cycle resets every entry it harvested but sends all but its last page (an off-by-one): lost on every kernel. */
    DROP_LAST("drop-last", Mechanism.RING),
    /**
     * The collector never calls KVM_CLEAR_DIRTY_LOG. With manual protect the kernel's bits then stay
     * set, so every later get reports those pages again: it costs re-sends, and loses nothing.
     */
    SKIP_CLEAR("skip-clear", Mechanism.BITMAP),
    /** Each cycle's clear comes after its pages were sent, at the start of the next cycle: writes in between are lost. */
    CLEAR_AFTER_COPY("clear-after-copy", Mechanism.BITMAP);

    private final String flag;
    private final Mechanism mechanism;

    Break(String flag, Mechanism mechanism) {
        this.flag = flag;
        this.mechanism = mechanism;
    }

    @Override
    public String flag() {
        return flag;
    }

    /** The mechanism it breaks; null for {@link #NONE}. */
    public Mechanism mechanism() {
        return mechanism;
    }

    /** The re-arm never happens. */
    boolean skips() {
        return this == SKIP_RESET || this == SKIP_CLEAR;
    }

    /** The re-arm waits for the next cycle, after the send. */
    boolean defers() {
        return this == RESET_AFTER_COPY || this == CLEAR_AFTER_COPY;
    }

    public static Break byName(String name) {
        return Flag.byFlag(Break.class, name, "--break");
    }
}
