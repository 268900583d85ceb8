package org.ringorder.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ringorder.memory.DirectGfns;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.HeapGfns;
import org.ringorder.ring.BareScan;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.Memslots;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.RingFixtures;
import org.ringorder.strategy.Strategies;

/**
 * The C kernels do what the Java model does, strategy by strategy: the same sums, counts,
 * stops and re-protected batches on the same entries. Skipped, visibly, where the library was
 * not built (no gcc).
 */
class NativeRingTest {
    private static final int SIZE = 4096;

    @BeforeEach
    void needTheLibrary() {
        assumeTrue(NativeRing.unavailable().isEmpty(), () -> "skipped: " + NativeRing.unavailable().orElseThrow());
    }

    static List<String> strategies() {
        return Strategies.NAMES;
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theBareScanSumsAndClearsLikeRingscan(String s) {
        DirectGfns g = new DirectGfns(SIZE);
        BareScan.markAll(g, SIZE);
        assertEquals((long) SIZE * (SIZE - 1) / 2, NativeRing.scan(NativeRing.address(g.memory()), SIZE, NativeRing.strategyId(s)));
        for (int i = 0; i < SIZE; i++) {
            assertEquals(0, g.flags(g.memory(), i));
        }
        g.setFlags(g.memory(), 0, Gfns.F_DIRTY);
        assertEquals(0, NativeRing.scan(NativeRing.address(g.memory()), SIZE, NativeRing.strategyId(s)), "stops at a non-RESET entry");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theResetMatchesTheJavaModel(String s) {
        for (OffsetPattern pattern : OffsetPattern.values()) {
            // Java: the model's reset over a harvested ring
            DirtyRing java = new DirtyRing(new HeapGfns(SIZE), DirtyRing.RSVD_ENTRIES, Strategies.byName(s));
            RingFixtures.harvested(java, 3, SIZE, pattern);
            Memslots memslots = new Memslots(1, OffsetPattern.NPAGES);
            int javaCount = java.reset(memslots);
            // C: the same entries
            DirectGfns g = new DirectGfns(SIZE);
            for (int i = 0; i < SIZE; i++) {
                g.setSlot(g.memory(), i, pattern.slot(3));
                g.setOffset(g.memory(), i, pattern.offset(3, i));
                g.setFlags(g.memory(), i, Gfns.F_RESET);
            }
            long vm = NativeRing.createVm(OffsetPattern.NPAGES);
            long ring = NativeRing.createRing(NativeRing.address(g.memory()), SIZE);
            try {
                int id = NativeRing.strategyId(s);
                assertEquals(javaCount, NativeRing.reset(vm, ring, id), pattern.flag());
                assertEquals(memslots.batches(), NativeRing.counter(vm, NativeRing.BATCHES), pattern + ": coalesced batches");
                assertEquals(memslots.pages(), NativeRing.counter(vm, NativeRing.PAGES), pattern + ": re-protected pages");
                assertEquals(SIZE, NativeRing.index(ring, NativeRing.RESET_INDEX));
                assertEquals(0, NativeRing.reset(vm, ring, id), "nothing left to reset");
            } finally {
                NativeRing.destroyRing(ring);
                NativeRing.destroyVm(vm);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theHarvestMarksEveryDirtyEntryAndStops(String s) {
        DirectGfns g = new DirectGfns(SIZE);
        int dirty = SIZE - 100;
        for (int i = 0; i < dirty; i++) {
            g.setSlot(g.memory(), i, 0);
            g.setOffset(g.memory(), i, i * 7L);
            g.setFlags(g.memory(), i, Gfns.F_DIRTY);
        }
        long vm = NativeRing.createVm(OffsetPattern.NPAGES);
        long ring = NativeRing.createRing(NativeRing.address(g.memory()), SIZE);
        try {
            int id = NativeRing.strategyId(s);
            assertEquals(dirty, NativeRing.harvest(vm, ring, id));
            for (int i = 0; i < SIZE; i++) {
                assertEquals(i < dirty ? Gfns.F_RESET : 0, g.flags(g.memory(), i), "entry " + i);
            }
            assertEquals(dirty, NativeRing.index(ring, NativeRing.FETCH_INDEX));
            assertEquals(0, NativeRing.harvest(vm, ring, id), "a RESET entry is not harvested twice");
            assertEquals(0, NativeRing.counter(vm, NativeRing.OUT_OF_RANGE));
        } finally {
            NativeRing.destroyRing(ring);
            NativeRing.destroyVm(vm);
        }
    }
}
