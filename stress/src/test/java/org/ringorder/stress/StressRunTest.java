package org.ringorder.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.AcquireLoad;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Strategies;
import org.ringorder.strategy.UserspaceSide;

/**
 * The detector must see each deliberately broken ordering, in the class it breaks, within
 * seconds; and a bounded run of every known-safe strategy must see nothing.
 */
class StressRunTest {
    private static final int RING = 1024;

    /** Runs one-second rounds until the class shows up, for at most ten seconds. */
    private static StressRun.Counts within10s(KernelSide kernel, UserspaceSide vmm, ToLongFunction<StressRun.Counts> cls)
            throws InterruptedException {
        StressRun.Counts c = null;
        for (int round = 0; round < 10; round++) {
            c = StressRun.run(kernel, vmm, 1, RING, OffsetPattern.SEQUENTIAL, 1000);
            if (cls.applyAsLong(c) > 0) {
                return c;
            }
        }
        return c;
    }

    @Test
    void dirtyBeforePayloadIsCaughtAsStalePayloads() throws Exception {
        StressRun.Counts c = within10s(new BrokenStrategies.DirtyBeforePayload(), new AcquireLoad(),
                StressRun.Counts::stalePayloads);
        assertTrue(c.stalePayloads() > 0, c.toString());
    }

    @Test
    void doorbellBeforeLastResetIsCaughtAsShortResets() throws Exception {
        StressRun.Counts c = within10s(new AcquireLoad(), new BrokenStrategies.DoorbellBeforeLastReset(),
                StressRun.Counts::shortResets);
        assertTrue(c.shortResets() > 0, c.toString());
    }

    @Test
    void resetIndexBeforeInvalidateIsCaughtAsOverwrittenOrLostPages() throws Exception {
        StressRun.Counts c = within10s(new BrokenStrategies.ResetIndexBeforeInvalidate(), new AcquireLoad(),
                x -> x.overwrites() + x.lostPages());
        assertTrue(c.overwrites() + c.lostPages() > 0, c.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"volatile", "acquire-load", "full-fence", "batched-fence"})
    void knownSafeStrategiesLoseNothing(String name) throws Exception {
        ResetStrategy s = Strategies.byName(name);
        StressRun.Counts c = StressRun.run(s, s, 2, RING, OffsetPattern.RANDOM, 1000);
        assertEquals(0, c.violations(), c.toString());
        assertTrue(c.pushed() > 10_000, "the run did real work: " + c);
        assertEquals(c.pushed(), c.entriesChecked(), "every page pushed was collected exactly once");
    }
}
