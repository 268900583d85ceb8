package org.ringorder.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ringorder.memory.DirectGfns;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.HeapGfns;
import org.ringorder.ring.BareScan;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.Memslots;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.RingFixtures;
import org.ringorder.strategy.LinuxKernel;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * The C kernels do what the Java model does, strategy by strategy and, under userspace roles,
 * with Linux's kernel side: the same sums, counts, stops and re-protected batches on the same
 * entries. Skipped, visibly, where the library was not built (no gcc).
 */
class NativeRingTest {
    private static final int SIZE = 4096;

    @BeforeEach
    void needTheLibrary() {
        assumeTrue(NativeRing.unavailable().isEmpty(), () -> "skipped: " + NativeRing.unavailable().orElseThrow());
    }

    static List<String> strategies() {
        return NativeRing.strategies();
    }

    /** Every strategy the library has kernels for, under each roles. */
    static List<Arguments> strategiesAndRoles() {
        List<Arguments> out = new ArrayList<>();
        for (String s : NativeRing.strategies()) {
            for (Roles roles : Roles.values()) {
                out.add(Arguments.of(s, roles));
            }
        }
        return out;
    }

    @Test
    void theLibraryHasKernelsForJavaStrategiesOnly() {
        assertFalse(NativeRing.strategies().isEmpty());
        for (String s : NativeRing.strategies()) {
            assertTrue(Strategies.NAMES.contains(s), s);
            assertTrue(NativeRing.has(s), s);
            assertEquals(NativeRing.strategies().indexOf(s), NativeRing.strategyId(s));
        }
        assertFalse(NativeRing.has(LinuxKernel.NAME), "Linux's kernel side is not a strategy");
        assertFalse(NativeRing.has(NativeRing.PLAIN_TWIN), "nor is plain's twin");
    }

    @Test
    void aStrategyWithoutCKernelsIsRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeRing.idIn(List.of("plain", "acquire-load"), "opaque"));
        assertEquals("the native backend has no C kernels for strategy 'opaque' (it has plain, acquire-load): run it with "
                + "--backend jvm, or add its kernels to native/src/main/c/ringorder.c", e.getMessage());
        assertEquals(1, NativeRing.idIn(List.of("plain", "acquire-load"), "acquire-load"));
        assertEquals(2, NativeRing.idIn(List.of("plain", "acquire-load"), NativeRing.PLAIN_TWIN), "the twin follows the list");
        assertThrows(IllegalArgumentException.class, () -> NativeRing.idIn(List.of("plain"), "no-such-strategy"));
    }

    /** As {@link Roles#kernel} on the JVM: under userspace every strategy's kernel side is Linux's, one and the same. */
    @ParameterizedTest
    @MethodSource("strategies")
    void underUserspaceRolesTheKernelSideIsLinuxs(String s) {
        assertEquals(LinuxKernel.NAME, NativeRing.kernelName(s, Roles.USERSPACE));
        assertEquals(NativeRing.kernelId("plain", Roles.USERSPACE), NativeRing.kernelId(s, Roles.USERSPACE));
        assertNotEquals(NativeRing.strategyId(s), NativeRing.kernelId(s, Roles.USERSPACE));
        assertEquals(s, NativeRing.kernelName(s, Roles.ALL));
        assertEquals(NativeRing.strategyId(s), NativeRing.kernelId(s, Roles.ALL));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theBareScanSumsAndClearsLikeRingscan(String s) {
        DirectGfns g = new DirectGfns(SIZE);
        BareScan.markAll(g, SIZE);
        assertEquals((long) SIZE * (SIZE - 1) / 2, NativeRing.scan(NativeRing.address(g.memory()), SIZE, NativeRing.kernelId(s, Roles.ALL)));
        for (int i = 0; i < SIZE; i++) {
            assertEquals(0, g.flags(g.memory(), i));
        }
        g.setFlags(g.memory(), 0, Gfns.F_DIRTY);
        assertEquals(0, NativeRing.scan(NativeRing.address(g.memory()), SIZE, NativeRing.kernelId(s, Roles.ALL)), "stops at a non-RESET entry");
    }

    @ParameterizedTest
    @MethodSource("strategiesAndRoles")
    void theResetMatchesTheJavaModel(String s, Roles roles) {
        for (OffsetPattern pattern : OffsetPattern.values()) {
            // Java: the model's reset over a harvested ring, by the kernel side the roles give
            DirtyRing java = new DirtyRing(new HeapGfns(SIZE), DirtyRing.RSVD_ENTRIES, roles.kernel(Strategies.byName(s)));
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
                int id = NativeRing.kernelId(s, roles);
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
