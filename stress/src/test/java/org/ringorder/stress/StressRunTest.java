package org.ringorder.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.AcquireLoad;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;
import org.ringorder.strategy.UserspaceSide;

/**
 * The detector must see each deliberately broken ordering, in the class it breaks, at the margin
 * stated, within seconds (30 at most); and a bounded run of every known-safe strategy must see
 * nothing, at the kernel's margin and at none.
 */
class StressRunTest {
    private static final int RING = 1024;
    private static final int KERNEL_MARGIN = 64;

    /** Runs one-second rounds until the class shows up, for at most {@code seconds}. */
    private static StressRun.Counts within(int seconds, KernelSide kernel, UserspaceSide vmm, int margin,
                                           ToLongFunction<StressRun.Counts> cls) throws InterruptedException {
        StressRun.Counts c = null;
        for (int round = 0; round < seconds; round++) {
            c = StressRun.run(kernel, vmm, 1, RING, margin, OffsetPattern.SEQUENTIAL, 1000);
            if (cls.applyAsLong(c) > 0) {
                return c;
            }
        }
        return c;
    }

    private static StressRun.Counts within10s(KernelSide kernel, UserspaceSide vmm, ToLongFunction<StressRun.Counts> cls)
            throws InterruptedException {
        return within(10, kernel, vmm, KERNEL_MARGIN, cls);
    }

    /** harvest-reuse: at the kernel's margin the reset never gets near the entry being read; at 0 it does. */
    @Test
    void markResetBeforeReadIsCaughtAtMarginZeroAsStalePayloads() throws Exception {
        StressRun.Counts c = within(30, new AcquireLoad(), new BrokenStrategies.MarkResetBeforeRead(), 0,
                StressRun.Counts::stalePayloads);
        assertTrue(c.stalePayloads() > 0, c.toString());
    }

    /** chain: RESET on an entry not yet pushed; the reset reads a payload from the lap before. */
    @Test
    void resetBeforeObserveIsCaughtAsStalePayloads() throws Exception {
        StressRun.Counts c = within10s(new AcquireLoad(), new BrokenStrategies.ResetBeforeObserve(), StressRun.Counts::stalePayloads);
        assertTrue(c.stalePayloads() > 0, c.toString());
    }

    @Test
    void aMarginOutsideTheReserveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StressRun.checkMargin(65));
        assertThrows(IllegalArgumentException.class, () -> StressRun.checkMargin(-1));
        assertEquals(0, StressRun.checkMargin(0));
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
        for (int margin : new int[] {KERNEL_MARGIN, 0}) {
            StressRun.Counts c = StressRun.run(s, s, 2, RING, margin, OffsetPattern.RANDOM, 1000);
            assertEquals(0, c.violations(), "margin " + margin + ": " + c);
            assertTrue(c.pushed() > 10_000, "the run did real work: " + c);
            assertEquals(c.pushed(), c.entriesChecked(), "every page pushed was collected exactly once");
        }
    }

    /** Linux's kernel side, as modelled, under the safe userspace strategies at the kernel's margin. */
    @ParameterizedTest
    @ValueSource(strings = {"volatile", "acquire-load", "full-fence", "batched-fence"})
    void overLinuxTheSafeStrategiesLoseNothing(String name) throws Exception {
        ResetStrategy s = Strategies.byName(name);
        StressRun.Counts c = StressRun.run(Roles.USERSPACE.kernel(s), s, 2, RING, KERNEL_MARGIN, OffsetPattern.RANDOM, 1000);
        assertEquals(0, c.violations(), c.toString());
        assertEquals(c.pushed(), c.entriesChecked(), "every page pushed was collected exactly once");
    }
}
