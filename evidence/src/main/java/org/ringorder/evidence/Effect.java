package org.ringorder.evidence;

import java.util.EnumSet;
import java.util.Set;
import org.ringorder.strategy.Order.Pair;

/**
 * What one instruction does to the order of its thread's memory accesses, as an architecture's
 * table ({@link Isa}) reads it: whether it loads and stores the ring's memory (a stack access or a
 * fence does not), whether the access is an acquire (ordered before every later access), a release
 * (after every earlier one) and RCsc (a release of it ordered before a later RCsc acquire), and the
 * pairs it orders across itself as a fence. Dependencies and same-address order are not counted:
 * the check asks for barriers and annotations, which is what the access modes are compiled to.
 */
public record Effect(boolean loads, boolean stores, boolean acquire, boolean release, boolean rcsc, Set<Pair> fence) {
    public static final Effect NONE = new Effect(false, false, false, false, false, Set.of());

    public Effect {
        fence = fence.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fence));
    }

    public static Effect load() {
        return new Effect(true, false, false, false, false, Set.of());
    }

    public static Effect store() {
        return new Effect(false, true, false, false, false, Set.of());
    }

    /** A load and a store of one location at once (x86's xchg, an exclusive pair, an AMO). */
    public static Effect readModifyWrite() {
        return new Effect(true, true, false, false, false, Set.of());
    }

    public static Effect barrier(Set<Pair> pairs) {
        return new Effect(false, false, false, false, false, pairs);
    }

    public Effect acquiring(boolean rcscAcquire) {
        return new Effect(loads, stores, true, release, rcsc || rcscAcquire, fence);
    }

    public Effect releasing() {
        return new Effect(loads, stores, acquire, true, true, fence);
    }

    /** A release that a later RCsc acquire may still pass (x86's TSO store: no store-to-load order). */
    public Effect releasingRcpc() {
        return new Effect(loads, stores, acquire, true, rcsc, fence);
    }

    /** Also a fence for every pair across it (a locked instruction). */
    public Effect fencing(Set<Pair> pairs) {
        return new Effect(loads, stores, acquire, release, rcsc, pairs);
    }

    /** Whether it touches the ring's memory. */
    public boolean access() {
        return loads || stores;
    }
}
