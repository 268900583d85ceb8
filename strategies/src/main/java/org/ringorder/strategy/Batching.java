package org.ringorder.strategy;

/**
 * How a side walks a run of entries. Per-entry strategies order each entry on its own; a
 * two-phase strategy loads the flags of a whole batch, orders once, does the payload work,
 * orders once, then stores the flags. A batch is one harvest pass over a ring, or up to 64
 * entries (one coalescing mask) of the reset.
 */
public interface Batching extends DeclaresModes {
    /** True when the side walks entries in two-phase batches (a constant per strategy). */
    default boolean twoPhase() {
        return false;
    }

    /** Between a batch's flag loads and its payload reads. */
    default void afterBatchObserve() {
    }

    /** Between a batch's payload reads and its flag stores. */
    default void beforeBatchPublish() {
    }
}
