package org.ringorder.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Entries in a {@code byte[]}, byte for byte the kernel's layout, through byte-array view
 * VarHandles: the offset is one 8-byte load, as in C, so the plain scan comes closest to C.
 * JDK 22 and later refuse every access mode but plain on byte-array views (heap byte arrays
 * need not be aligned), so this layout needs JDK 21 or older.
 */
public final class ByteArrayGfns extends Gfns<byte[]> {
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    public ByteArrayGfns(int size) {
        super(size, new byte[size * ENTRY_BYTES]);
        try {
            INT.getAcquire(memory(), 0);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("layout bytes needs JDK 21 or older (this JDK refuses ordered "
                    + "access to byte arrays): use layout heap or direct");
        }
    }

    @Override
    public int flags(byte[] m, int i) {
        return (int) INT.get(m, i << 4);
    }

    @Override
    public int flagsOpaque(byte[] m, int i) {
        return (int) INT.getOpaque(m, i << 4);
    }

    @Override
    public int flagsAcquire(byte[] m, int i) {
        return (int) INT.getAcquire(m, i << 4);
    }

    @Override
    public int flagsVolatile(byte[] m, int i) {
        return (int) INT.getVolatile(m, i << 4);
    }

    @Override
    public void setFlags(byte[] m, int i, int flags) {
        INT.set(m, i << 4, flags);
    }

    @Override
    public void setFlagsOpaque(byte[] m, int i, int flags) {
        INT.setOpaque(m, i << 4, flags);
    }

    @Override
    public void setFlagsRelease(byte[] m, int i, int flags) {
        INT.setRelease(m, i << 4, flags);
    }

    @Override
    public void setFlagsVolatile(byte[] m, int i, int flags) {
        INT.setVolatile(m, i << 4, flags);
    }

    @Override
    public int slot(byte[] m, int i) {
        return (int) INT.get(m, (i << 4) + 4);
    }

    @Override
    public long offset(byte[] m, int i) {
        return (long) LONG.get(m, (i << 4) + 8);
    }

    @Override
    public int slotOpaque(byte[] m, int i) {
        return (int) INT.getOpaque(m, (i << 4) + 4);
    }

    @Override
    public long offsetOpaque(byte[] m, int i) {
        return (long) LONG.getOpaque(m, (i << 4) + 8);
    }

    @Override
    public void setSlot(byte[] m, int i, int slot) {
        INT.set(m, (i << 4) + 4, slot);
    }

    @Override
    public void setOffset(byte[] m, int i, long offset) {
        LONG.set(m, (i << 4) + 8, offset);
    }

    @Override
    public String layout() {
        return "bytes";
    }
}
