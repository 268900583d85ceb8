package org.ringorder.bench.paired;

import java.util.Arrays;

/**
 * The last few block times of each side of a paired run, and the test that leaves a pair out: one
 * of its blocks ran longer than its own side's recent median by more than {@code factor - 1} times
 * the median of both sides' recent blocks. Each block is judged by its excess over its own side's
 * norm, against one yardstick, so a delay of a given length leaves a pair out whichever side it
 * lands on, and a strategy's own cost (its norm) never does. The norms follow the run: a machine
 * that slows down for a while moves them.
 */
final class RecentBlocks {
    private final long[][] times;
    /** Scratch for the medians, kept so that judging a pair allocates nothing between the measured blocks. */
    private final long[] both;
    private final long[] one;
    private final int[] next = new int[2];
    private int count;

    /** {@code size} recent blocks per side. */
    RecentBlocks(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("at least 2 recent blocks a side, not " + size);
        }
        times = new long[2][size];
        both = new long[2 * size];
        one = new long[size];
    }

    /**
     * Whether the pair of blocks {@code reference}, {@code test} was disturbed (see the class);
     * never before each side's window is full. Both blocks then join their windows, disturbed or
     * not (a lasting slowdown becomes the norm).
     */
    boolean disturbed(long reference, long test, int factor) {
        boolean disturbed = false;
        int size = times[0].length;
        if (count == size) {
            System.arraycopy(times[0], 0, both, 0, size);
            System.arraycopy(times[1], 0, both, size, size);
            long yardstick = (factor - 1) * median(both);
            disturbed = reference - norm(0) > yardstick || test - norm(1) > yardstick;
        }
        add(0, reference);
        add(1, test);
        count = Math.min(count + 1, size);
        return disturbed;
    }

    /** A side's recent median. */
    private long norm(int side) {
        System.arraycopy(times[side], 0, one, 0, one.length);
        return median(one);
    }

    /** The median of {@code t}, sorting it in place. */
    private static long median(long[] t) {
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private void add(int side, long t) {
        times[side][next[side]] = t;
        next[side] = (next[side] + 1) % times[side].length;
    }
}
