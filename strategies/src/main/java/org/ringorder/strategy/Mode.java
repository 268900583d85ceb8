package org.ringorder.strategy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ringorder.strategy.Order.End;
import org.ringorder.strategy.Order.Pair;

/**
 * The access modes and fences a strategy uses, each with what the Java specification promises
 * (VarHandle, JLS 17.4), written once as the orders it must keep. An access's orders name the
 * access itself ({@link End#ACCESS}); a fence's are pairs across it, whatever sits on either side.
 * Plain and opaque promise no order across accesses (opaque's coherence of its one variable is no
 * order between two accesses, and is not checked).
 */
public enum Mode {
    PLAIN_LOAD("get", OrderingPoint.Access.LOAD, List.of()),
    OPAQUE_LOAD("getOpaque", OrderingPoint.Access.LOAD, List.of()),
    /** The load before every later load and store. */
    ACQUIRE_LOAD("getAcquire", OrderingPoint.Access.LOAD, List.of(
            new Order(End.ACCESS, End.LATER_LOADS), new Order(End.ACCESS, End.LATER_STORES))),
    /**
     * As getAcquire; its store-to-load order with an earlier volatile store is checked once, from the
     * store ({@link #VOLATILE_STORE}), against this load's own instructions.
     */
    VOLATILE_LOAD("getVolatile", OrderingPoint.Access.LOAD, List.of(
            new Order(End.ACCESS, End.LATER_LOADS), new Order(End.ACCESS, End.LATER_STORES))),
    PLAIN_STORE("set", OrderingPoint.Access.STORE, List.of()),
    OPAQUE_STORE("setOpaque", OrderingPoint.Access.STORE, List.of()),
    /** Every earlier load and store before the store. */
    RELEASE_STORE("setRelease", OrderingPoint.Access.STORE, List.of(
            new Order(End.EARLIER_LOADS, End.ACCESS), new Order(End.EARLIER_STORES, End.ACCESS))),
    /**
     * As setRelease, and the store before the strategy's later volatile loads (the JLS's total order
     * of synchronization actions, consistent with program order); not before later plain loads.
     */
    VOLATILE_STORE("setVolatile", OrderingPoint.Access.STORE, List.of(
            new Order(End.EARLIER_LOADS, End.ACCESS), new Order(End.EARLIER_STORES, End.ACCESS),
            new Order(End.ACCESS, End.LATER_VOLATILE_LOADS))),
    FULL_FENCE("fullFence", Pair.ALL),
    ACQUIRE_FENCE("acquireFence", EnumSet.of(Pair.LOAD_LOAD, Pair.LOAD_STORE)),
    RELEASE_FENCE("releaseFence", EnumSet.of(Pair.LOAD_STORE, Pair.STORE_STORE)),
    LOAD_LOAD_FENCE("loadLoadFence", EnumSet.of(Pair.LOAD_LOAD)),
    STORE_STORE_FENCE("storeStoreFence", EnumSet.of(Pair.STORE_STORE));

    private final String words;
    private final OrderingPoint.Access access;
    private final List<Order> orders;
    private final Set<Pair> pairs;

    Mode(String words, OrderingPoint.Access access, List<Order> orders) {
        this.words = words;
        this.access = access;
        this.orders = orders;
        this.pairs = Set.of();
    }

    Mode(String words, Set<Pair> pairs) {
        this.words = words;
        this.access = OrderingPoint.Access.NONE;
        this.orders = List.of();
        this.pairs = Set.copyOf(pairs);
    }

    /** The VarHandle method's name, e.g. {@code setRelease}, {@code fullFence}. */
    public String words() {
        return words;
    }

    /** The access it makes: a load, a store, or none (a fence). */
    public OrderingPoint.Access access() {
        return access;
    }

    public boolean fence() {
        return access == OrderingPoint.Access.NONE;
    }

    /** An access mode's orders, relative to the access. */
    public List<Order> orders() {
        return orders;
    }

    /** A fence's pairs across it. */
    public Set<Pair> pairs() {
        return pairs;
    }
}
