package org.ringorder.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Entries in an {@code int[]}, four ints each: flags, slot, offset low, offset high. The JVM
 * backend's layout: every access mode works on every JDK, and C2 hoists the bounds checks of a
 * loop over a local {@code int[]}.
 *
 * <p>Its one cost: the 64-bit offset is two 4-byte loads and a shift, where C does one 8-byte
 * load; that is the whole gap between the Java and C plain bare scans (see
 * docs/2026-11-25-jit-native-and-fidelity.md, "Fidelity: the harness against C"). A heap
 * array is only 8-byte aligned (its data starts 16 bytes into an 8-byte aligned object), so
 * entries line up with 64-byte lines only when the array happens to start 16-byte aligned;
 * otherwise one entry in four straddles two lines and a line holds three whole entries, not
 * four. {@link DirectGfns} is always cache-line aligned.
 */
public final class HeapGfns extends Gfns<int[]> {
    private static final VarHandle INT = MethodHandles.arrayElementVarHandle(int[].class);

    public HeapGfns(int size) {
        super(size, new int[size * 4]);
    }

    @Override
    public int flags(int[] m, int i) {
        return m[i << 2];
    }

    @Override
    public int flagsOpaque(int[] m, int i) {
        return (int) INT.getOpaque(m, i << 2);
    }

    @Override
    public int flagsAcquire(int[] m, int i) {
        return (int) INT.getAcquire(m, i << 2);
    }

    @Override
    public int flagsVolatile(int[] m, int i) {
        return (int) INT.getVolatile(m, i << 2);
    }

    @Override
    public void setFlags(int[] m, int i, int flags) {
        m[i << 2] = flags;
    }

    @Override
    public void setFlagsOpaque(int[] m, int i, int flags) {
        INT.setOpaque(m, i << 2, flags);
    }

    @Override
    public void setFlagsRelease(int[] m, int i, int flags) {
        INT.setRelease(m, i << 2, flags);
    }

    @Override
    public void setFlagsVolatile(int[] m, int i, int flags) {
        INT.setVolatile(m, i << 2, flags);
    }

    @Override
    public int slot(int[] m, int i) {
        return m[(i << 2) + 1];
    }

    @Override
    public long offset(int[] m, int i) {
        int at = (i << 2) + 2;
        return (m[at] & 0xffff_ffffL) | ((long) m[at + 1] << 32);
    }

    @Override
    public int slotOpaque(int[] m, int i) {
        return (int) INT.getOpaque(m, (i << 2) + 1);
    }

    @Override
    public long offsetOpaque(int[] m, int i) {
        int at = (i << 2) + 2;
        return ((int) INT.getOpaque(m, at) & 0xffff_ffffL) | ((long) (int) INT.getOpaque(m, at + 1) << 32);
    }

    @Override
    public void setSlot(int[] m, int i, int slot) {
        m[(i << 2) + 1] = slot;
    }

    @Override
    public void setOffset(int[] m, int i, long offset) {
        int at = (i << 2) + 2;
        m[at] = (int) offset;
        m[at + 1] = (int) (offset >>> 32);
    }

    @Override
    public String layout() {
        return "heap";
    }
}
