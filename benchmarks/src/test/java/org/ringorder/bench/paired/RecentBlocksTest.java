package org.ringorder.bench.paired;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which pairs the concurrent benchmark leaves out, on hand-made block times. */
class RecentBlocksTest {
    @Test
    void aBlockPreemptedForManyTimesItsLengthLeavesItsPairOut() {
        RecentBlocks recent = full(100, 110);
        assertFalse(recent.disturbed(105, 320, 3), "210 over the test's norm (110), under twice the pooled median (220): kept");
        assertTrue(recent.disturbed(2_000, 104, 3), "the reference's block preempted for 2 ms: left out");
        assertTrue(recent.disturbed(101, 2_000, 3), "the test's: left out alike");
    }

    @Test
    void aDelayOfOneLengthCountsTheSameOnEitherSide() {
        // the test side's norm is twice the reference's; the yardstick is (3 - 1) x the pooled median (200): 400
        assertTrue(full(100, 200).disturbed(100 + 410, 200, 3), "410 more on the faster side: left out");
        assertTrue(full(100, 200).disturbed(100, 200 + 410, 3), "410 more on the slower side: left out alike");
        assertFalse(full(100, 200).disturbed(100 + 390, 200, 3), "390 more on the faster side: kept");
        assertFalse(full(100, 200).disturbed(100, 200 + 390, 3), "390 more on the slower side: kept alike");
    }

    @Test
    void nothingIsLeftOutBeforeTheWindowIsFull() {
        RecentBlocks recent = new RecentBlocks(4);
        assertFalse(recent.disturbed(100, 100, 3));
        assertFalse(recent.disturbed(100, 100, 3));
        assertFalse(recent.disturbed(100, 100, 3));
        assertFalse(recent.disturbed(100, 10_000, 3), "three pairs are no yardstick yet");
        assertTrue(recent.disturbed(100, 10_000, 3), "four are"); // the window now holds one 10_000 of four: norm 100
    }

    @Test
    void aStrategyThatCostsManyTimesPlainIsNeverLeftOut() {
        RecentBlocks recent = new RecentBlocks(16);
        for (int i = 0; i < 1_000; i++) {
            assertFalse(recent.disturbed(100, 1_000, 3), "its own cost is its norm, what the pair measures: pair " + i);
        }
    }

    @Test
    void aLastingSlowdownBecomesTheNorm() {
        RecentBlocks recent = full(100, 100);
        assertTrue(recent.disturbed(500, 500, 3), "the first slow pair stands out");
        boolean stillOut = true;
        for (int i = 0; i < 16 && stillOut; i++) {
            stillOut = recent.disturbed(500, 500, 3);
        }
        assertFalse(stillOut, "once the window holds the slower blocks, they are the yardstick");
    }

    @Test
    void aWindowOfOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecentBlocks(1));
    }

    /** Windows of 16 blocks a side, filled with pairs (a, b). */
    private static RecentBlocks full(long a, long b) {
        RecentBlocks recent = new RecentBlocks(16);
        for (int i = 0; i < 16; i++) {
            recent.disturbed(a, b, 3);
        }
        return recent;
    }
}
