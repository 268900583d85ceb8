package org.ringorder.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ringorder.memory.Gfns;
import org.ringorder.ring.BareScan;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.Reaper;
import org.ringorder.ring.SlotBitmap;

class StrategiesTest {
    /**
     * The suite's own strategies, which results, charts and the README name: they keep their names
     * and their order, first. A strategy added after them (its class and its rows in {@link Safety})
     * changes nothing here.
     */
    static final List<String> SHIPPED = List.of("plain", "opaque", "volatile", "acquire-load", "full-fence", "batched-fence");

    static List<Arguments> everyStrategyRolesAndLayout() {
        List<Arguments> out = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            for (Roles r : Roles.values()) {
                for (String layout : new String[] {"heap", "direct"}) {
                    out.add(Arguments.of(s, r, layout));
                }
            }
        }
        return out;
    }

    @Test
    void namesAreStableAndUnique() {
        assertEquals(SHIPPED, Strategies.NAMES.subList(0, SHIPPED.size()));
        assertEquals(Strategies.NAMES.size(), Set.copyOf(Strategies.NAMES).size(), Strategies.NAMES.toString());
        for (String name : Strategies.NAMES) {
            assertEquals(name, Strategies.byName(name).name());
        }
    }

    @Test
    void eachLookupIsAFreshInstance() {
        for (String name : Strategies.NAMES) {
            assertNotSame(Strategies.byName(name), Strategies.byName(name), name);
        }
    }

    @Test
    void unknownNamesAreRefusedWithTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.byName("acquire"));
        assertEquals("unknown strategy 'acquire': expected one of " + String.join(", ", Strategies.NAMES), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Roles.byName("kernel"));
        assertEquals("unknown roles 'kernel': expected one of all, userspace", e.getMessage());
    }

    @Test
    void userspaceRolesKeepLinuxOnTheKernelSide() {
        ResetStrategy plain = Strategies.byName("plain");
        assertSame(plain, Roles.ALL.kernel(plain));
        assertInstanceOf(LinuxKernel.class, Roles.USERSPACE.kernel(plain));
    }

    /**
     * A whole recycle through the model: vCPUs push pages in a pattern, the reaper harvests every
     * ring and rings the doorbell, the ioctl resets. Every page pushed must reach the dirty log,
     * be re-protected, and the ring must be reusable for the next lap.
     */
    @ParameterizedTest
    @MethodSource("everyStrategyRolesAndLayout")
    void aRecycleDeliversEveryPage(String name, Roles roles, String layout) {
        ResetStrategy s = Strategies.byName(name);
        DirtyRingVm vm = new DirtyRingVm(3, 256, 64, layout, roles.kernel(s));
        Reaper reaper = new Reaper(s, new SlotBitmap(1, OffsetPattern.NPAGES));
        for (OffsetPattern pattern : OffsetPattern.values()) {
            for (int lap = 0; lap < 3; lap++) {
                reaper.dirtyLog().clear();
                int pushed = 0;
                for (int v = 0; v < 3; v++) {
                    DirtyRing ring = vm.ring(v);
                    boolean soft = false;
                    while (!soft) {
                        int index = ring.dirtyIndex().get();
                        soft = ring.push(pattern.slot(v), pattern.offset(v, index));
                        pushed++;
                    }
                    assertEquals(ring.softLimit(), ring.used());
                }
                assertEquals(pushed, reaper.reapAll(vm.rings()));
                assertEquals(0, reaper.reapAll(vm.rings()), "nothing left to harvest");
                long reprotected = vm.memslots().pages();
                assertEquals(pushed, vm.resetDirtyRings());
                assertEquals(pushed, vm.memslots().pages() - reprotected);
                assertEquals(0, reaper.outOfRange());
                for (int v = 0; v < 3; v++) {
                    DirtyRing ring = vm.ring(v);
                    assertEquals(0, ring.used());
                    for (int index = ring.resetIndex().get() - ring.softLimit(); index != ring.resetIndex().get(); index++) {
                        long page = pattern.offset(v, index);
                        assertTrue(reaper.dirtyLog().test(0, page), "page " + page + " in the dirty log");
                        assertTrue(vm.memslots().writeProtected().test(0, page), "page " + page + " re-protected");
                    }
                }
            }
        }
        assertEquals(reaper.doorbell().get(), reaper.doorbell().getVolatile());
    }

    @ParameterizedTest
    @MethodSource("everyStrategyRolesAndLayout")
    void theBareScanSumsTheOffsetsAndStopsAtTheFirstClearFlag(String name, Roles roles, String layout) {
        for (int n : new int[] {1, 63, 64, 65, 300}) {
            Gfns<?> g = Gfns.allocate(layout, 512);
            BareScan.markAll(g, n);
            assertEquals((long) n * (n - 1) / 2, BareScan.scan(g, roles.kernel(Strategies.byName(name)), 512));
            assertEquals(0, BareScan.scan(g, Strategies.byName(name), 512), "every flag cleared");
        }
    }

    @Test
    void ofTheShippedStrategiesOnlyBatchedFenceWorksInTwoPhases() {
        for (String name : SHIPPED) {
            assertEquals(name.equals("batched-fence"), Strategies.byName(name).twoPhase(), name);
        }
        assertFalse(new LinuxKernel().twoPhase());
    }
}
