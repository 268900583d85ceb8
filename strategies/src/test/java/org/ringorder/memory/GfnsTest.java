package org.ringorder.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GfnsTest {
    private static <M> void roundTrip(Gfns<M> g) {
        M m = g.memory();
        for (int i = 0; i < g.size(); i++) {
            g.setSlot(m, i, 0x10000 + i);
            g.setOffset(m, i, 0x1_0000_0000L * i + 7);
            switch (i % 4) {
                case 0 -> g.setFlags(m, i, i);
                case 1 -> g.setFlagsOpaque(m, i, i);
                case 2 -> g.setFlagsRelease(m, i, i);
                default -> g.setFlagsVolatile(m, i, i);
            }
        }
        for (int i = 0; i < g.size(); i++) {
            assertEquals(0x10000 + i, g.slot(m, i));
            assertEquals(0x1_0000_0000L * i + 7, g.offset(m, i));
            assertEquals(i, g.flags(m, i));
            assertEquals(i, g.flagsOpaque(m, i));
            assertEquals(i, g.flagsAcquire(m, i));
            assertEquals(i, g.flagsVolatile(m, i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "direct"})
    void everyAccessorReadsBackWhatWasWritten(String layout) {
        Gfns<?> g = Gfns.allocate(layout, 256);
        assertEquals(layout, g.layout());
        roundTrip(g);
    }

    @Test
    void byteArraysNeedAJdkThatAllowsOrderedAccessToThem() {
        if (Runtime.version().feature() <= 21) {
            roundTrip(Gfns.allocate("bytes", 256));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gfns.allocate("bytes", 256));
            assertEquals("layout bytes needs JDK 21 or older (this JDK refuses ordered access to byte arrays): "
                    + "use layout heap or direct", e.getMessage());
        }
    }

    @Test
    void directEntriesAreTheKernelsStruct() {
        ByteBuffer mem = ByteBuffer.allocateDirect(16 * 4).order(ByteOrder.nativeOrder());
        DirectGfns g = new DirectGfns(mem, 4);
        g.setFlags(g.memory(), 2, Gfns.F_RESET);
        g.setSlot(g.memory(), 2, 0x0001_0003);
        g.setOffset(g.memory(), 2, 0x1234_5678_9abcL);
        assertEquals(Gfns.F_RESET, mem.getInt(32), "flags at 16i");
        assertEquals(0x0001_0003, mem.getInt(36), "slot at 16i+4");
        assertEquals(0x1234_5678_9abcL, mem.getLong(40), "offset at 16i+8");
    }

    @Test
    void aBufferTooSmallOrOnTheHeapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DirectGfns(ByteBuffer.allocateDirect(63), 4));
        assertThrows(IllegalArgumentException.class, () -> new DirectGfns(ByteBuffer.allocate(64), 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gfns.allocate("ints", 4));
        assertEquals("unknown layout 'ints': expected one of heap, bytes, direct", e.getMessage());
    }

    @Test
    void sharedIndexModesAgree() {
        for (SharedIndex x : new SharedIndex[] {new PaddedIndex(-1), new PackedIndex(new int[] {0, -1}, 1)}) {
            modesAgree(x);
        }
    }

    private static void modesAgree(SharedIndex x) {
        assertEquals(-1, x.get());
        x.setRelease(5);
        assertEquals(5, x.getAcquire());
        x.setOpaque(6);
        assertEquals(6, x.getOpaque());
        x.setVolatile(7);
        assertEquals(7, x.getVolatile());
    }
}
