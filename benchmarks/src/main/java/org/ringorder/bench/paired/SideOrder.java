package org.ringorder.bench.paired;

/**
 * Which side of a pair runs first, drawn afresh for every pair (xorshift64): an order fixed, or
 * alternating in step with some period of the machine's, would put a bias in one side's favour.
 */
final class SideOrder {
    private long state = System.nanoTime() | 1;

    boolean referenceFirst() {
        long x = state;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state = x;
        return x < 0;
    }
}
