package org.ringorder.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.HeapGfns;
import org.ringorder.strategy.AcquireLoad;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Plain;
import org.ringorder.strategy.Strategies;

class DirtyRingTest {
    private static final int SLOT = 0;

    /** Pushes (slot, offset) pairs, marks them all RESET through the VMM's side, resets once. */
    private static Result resetOf(KernelSide kernel, int[] slots, long[] offsets) {
        DirtyRing ring = new DirtyRing(new HeapGfns(1024), 64, kernel);
        for (int k = 0; k < slots.length; k++) {
            ring.push(slots[k], offsets[k]);
        }
        Reaper reaper = new Reaper(new Plain(), new SlotBitmap(2, OffsetPattern.NPAGES));
        assertEquals(slots.length, reaper.harvest(ring));
        Memslots memslots = new Memslots(2, OffsetPattern.NPAGES);
        int count = ring.reset(memslots);
        return new Result(count, memslots);
    }

    private record Result(int count, Memslots memslots) {
    }

    private static void assertMatchesReference(int[] slots, long[] offsets, long expectedBatches) {
        List<ResetReference.Batch> ref = ResetReference.batches(slots, offsets);
        for (String name : Strategies.NAMES) {
            Result r = resetOf(Strategies.byName(name), slots, offsets);
            assertEquals(slots.length, r.count(), name + ": count");
            assertEquals(ref.size(), r.memslots().batches(), name + ": batches");
            if (expectedBatches >= 0) {
                assertEquals(expectedBatches, r.memslots().batches(), name + ": batches by hand");
            }
            long pages = ref.stream().mapToLong(b -> b.pages().size()).sum();
            assertEquals(pages, r.memslots().pages(), name + ": pages");
            for (ResetReference.Batch b : ref) {
                for (long p : b.pages()) {
                    assertTrue(r.memslots().writeProtected().test(b.slot(), p), name + ": page " + p + " protected");
                }
            }
            long distinct = ref.stream().flatMap(b -> b.pages().stream().map(p -> b.slot() + ":" + p)).distinct().count();
            assertEquals(distinct, r.memslots().writeProtected().cardinality(), name + ": nothing else protected");
        }
    }

    private static long[] range(long from, int n, int step) {
        long[] o = new long[n];
        for (int k = 0; k < n; k++) {
            o[k] = from + (long) k * step;
        }
        return o;
    }

    private static int[] slots(int n, int slot) {
        int[] s = new int[n];
        Arrays.fill(s, slot);
        return s;
    }

    @Test
    void forwardRunOf64IsOneBatchAnd65IsTwo() {
        assertMatchesReference(slots(64, SLOT), range(1000, 64, 1), 1);
        assertMatchesReference(slots(65, SLOT), range(1000, 65, 1), 2);
    }

    @Test
    void backwardRunCoalesces() {
        assertMatchesReference(slots(64, SLOT), range(2000, 64, -1), 1);
        assertMatchesReference(slots(100, SLOT), range(2000, 100, -1), 2);
    }

    @Test
    void slotChangeEndsTheBatch() {
        assertMatchesReference(new int[] {0, 0, 1, 1, 0}, new long[] {10, 11, 12, 13, 14}, 3);
    }

    @Test
    void gapOf64OrMoreStartsANewBatch() {
        assertMatchesReference(slots(2, SLOT), new long[] {500, 563}, 1);
        assertMatchesReference(slots(2, SLOT), new long[] {500, 564}, 2);
        assertMatchesReference(slots(2, SLOT), new long[] {500, 436}, 2);
        assertMatchesReference(slots(2, SLOT), new long[] {500, 437}, 1);
        assertMatchesReference(slots(3, SLOT), new long[] {500, 10_000, 500}, 3);
    }

    @Test
    void backwardStepThatWouldDropTheTopBitStartsANewBatch() {
        // 100 and 163 fill bits 0 and 63; 99 would shift bit 63 out.
        assertMatchesReference(slots(3, SLOT), new long[] {100, 163, 99}, 2);
        assertMatchesReference(slots(3, SLOT), new long[] {100, 162, 99}, 1);
    }

    @Test
    void duplicatePagesCoalesce() {
        assertMatchesReference(slots(4, SLOT), new long[] {7, 7, 8, 7}, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "backward", "random"})
    void randomSequencesMatchTheReference(String pattern) {
        SplittableRandom rnd = new SplittableRandom(42);
        OffsetPattern p = OffsetPattern.byName(pattern);
        for (int round = 0; round < 30; round++) {
            int n = 1 + rnd.nextInt(900);
            int[] s = new int[n];
            long[] o = new long[n];
            int start = rnd.nextInt();
            for (int k = 0; k < n; k++) {
                s[k] = rnd.nextInt(8) == 0 ? 1 : 0;
                o[k] = rnd.nextInt(5) == 0 ? rnd.nextLong(OffsetPattern.NPAGES - 64)
                        : p.offset(round, start + k) % (OffsetPattern.NPAGES - 64);
            }
            assertMatchesReference(s, o, -1);
        }
    }

    @Test
    void resetStopsAtTheFirstEntryNotMarkedReset() {
        DirtyRing ring = new DirtyRing(new HeapGfns(256), 64, new AcquireLoad());
        for (int k = 0; k < 10; k++) {
            ring.push(SLOT, k);
        }
        HeapGfns g = (HeapGfns) ring.gfns();
        int[] m = g.memory();
        for (int k : new int[] {0, 1, 2, 3, 4, 6, 7, 8, 9}) {
            new Plain().markReset(g, m, k);
        }
        Memslots memslots = new Memslots(1, OffsetPattern.NPAGES);
        assertEquals(5, ring.reset(memslots));
        assertEquals(5, ring.resetIndex().get());
        assertEquals(Gfns.F_DIRTY, g.flags(m, 5));
        for (int k = 6; k < 10; k++) {
            assertEquals(Gfns.F_RESET, g.flags(m, k), "entry " + k + " left for the next call");
        }
        assertEquals(5, ring.used());
        assertEquals(0, ring.reset(memslots), "still blocked by entry 5");
        new Plain().markReset(g, m, 5);
        assertEquals(5, ring.reset(memslots));
        assertEquals(0, ring.used());
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 1024, 4096})
    void indicesWrapAroundTheirU32Range(int size) {
        DirtyRingVm vm = new DirtyRingVm(1, size, 64, "heap", new AcquireLoad());
        DirtyRing ring = vm.ring(0);
        int start = -3 * size / 2; // 1.5 laps before the u32 wrap
        RingFixtures.startAt(ring, start);
        Reaper reaper = new Reaper(new AcquireLoad(), new SlotBitmap(1, OffsetPattern.NPAGES));
        long pushed = 0;
        for (int lap = 0; lap < 4; lap++) {
            int n = ring.softLimit();
            for (int k = 0; k < n; k++) {
                int index = ring.dirtyIndex().get();
                ring.push(OffsetPattern.SEQUENTIAL.slot(0), OffsetPattern.SEQUENTIAL.offset(0, index));
            }
            pushed += n;
            assertTrue(ring.softFull());
            assertEquals(n, reaper.reapAll(vm.rings()));
            assertEquals(n, vm.resetDirtyRings());
            assertEquals(0, ring.used());
        }
        assertEquals(start + (int) pushed, ring.resetIndex().get());
        assertTrue(Integer.compareUnsigned(ring.resetIndex().get(), start) < 0, "the index wrapped");
    }

    @Test
    void softFullAtTheSoftLimitAndFullAtTheSize() {
        DirtyRing ring = new DirtyRing(new HeapGfns(1024), DirtyRing.PML_RESERVE, new Plain());
        assertEquals(1024 - 576, ring.softLimit());
        for (int k = 0; k < ring.softLimit() - 1; k++) {
            assertFalse(ring.push(SLOT, k), "push " + k);
        }
        assertFalse(ring.softFull());
        assertTrue(ring.push(SLOT, 9999), "the push that reaches the soft limit requests an exit");
        assertTrue(ring.softFull());
        while (!ring.full()) {
            ring.push(SLOT, 1);
        }
        assertEquals(1024, ring.used());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ring.push(SLOT, 2));
        assertTrue(e.getMessage().contains("full ring"));
    }

    @Test
    void theIoctlReturnsTheCountOverAllRings() {
        DirtyRingVm vm = new DirtyRingVm(3, 256, 64, "direct", new AcquireLoad());
        int[] sizes = {5, 0, 200};
        for (int v = 0; v < 3; v++) {
            RingFixtures.harvested(vm.ring(v), v, sizes[v], OffsetPattern.SEQUENTIAL);
        }
        assertEquals(205, vm.resetDirtyRings());
        assertEquals(1, vm.tlbFlushes());
        assertEquals(0, vm.resetDirtyRings());
        assertEquals(1, vm.tlbFlushes(), "no flush when nothing was cleared");
    }

    @Test
    void badSizesAndReservesAreRefusedWithTheAcceptedValues() {
        for (int bad : new int[] {0, 100, 128, 1000, 131072}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirtyRing.checkSize(bad));
            assertEquals("ring size " + bad + " is not a power of two in 256..65536 (e.g. 1024, 4096, 16384, 65536)",
                    e.getMessage());
        }
        assertEquals(256, DirtyRing.checkSize(256));
        assertEquals(65536, DirtyRing.checkSize(65536));
        assertThrows(IllegalArgumentException.class, () -> DirtyRing.checkReserve(576, 512));
        assertThrows(IllegalArgumentException.class, () -> DirtyRing.checkReserve(100, 4096));
        assertEquals(576, DirtyRing.checkReserve(576, 1024));
    }

    @Test
    void vcpuCountsOutsideOneTo1024AreRefusedWithTheRange() {
        for (int bad : new int[] {-1, 0, 1025}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirtyRingVm.checkVcpus(bad));
            assertEquals("--vcpus " + bad + " is out of range: expected 1..1024", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new DirtyRingVm(bad, 256, 64, "heap", new Plain()));
        }
        assertEquals(1, DirtyRingVm.checkVcpus(1));
        assertEquals(1024, DirtyRingVm.checkVcpus(1024));
    }

    @Test
    void coalesceRuleMatchesTheKernelsArithmetic() {
        assertEquals(0b11, DirtyRing.coalesce(1, 1));
        assertEquals(1L | (1L << 63), DirtyRing.coalesce(1, 63));
        assertEquals(0, DirtyRing.coalesce(1, 64));
        assertEquals(0b101, DirtyRing.coalesce(0b1, -2) );
        assertEquals(0, DirtyRing.coalesce(1, -64));
        assertEquals(0, DirtyRing.coalesce(1L << 63, -1), "the top bit would be lost");
    }

    @Test
    void verifyingReadersCountAPayloadThatIsNotTheOnePushed() {
        DirtyRingVm vm = new DirtyRingVm(2, 256, 64, "heap", new AcquireLoad(), OffsetPattern.RANDOM, false);
        Reaper reaper = new Reaper(new AcquireLoad(), new SlotBitmap(1, OffsetPattern.NPAGES));
        for (int v = 0; v < 2; v++) {
            for (int k = 0; k < 100; k++) {
                int index = vm.ring(v).dirtyIndex().get();
                vm.ring(v).push(OffsetPattern.RANDOM.slot(v), OffsetPattern.RANDOM.offset(v, index));
            }
        }
        HeapGfns g = (HeapGfns) vm.ring(1).gfns();
        g.setOffset(g.memory(), 7, 12345); // entry 7 of ring 1 now holds a page nobody pushed there
        assertEquals(200, reaper.reapAll(vm.rings()));
        assertEquals(1, reaper.stale());
        assertEquals(200, vm.resetDirtyRings());
        assertEquals(1, vm.stale());
        assertEquals(0, vm.ring(0).stale());
        assertEquals(1, vm.ring(1).stale());
    }
}
