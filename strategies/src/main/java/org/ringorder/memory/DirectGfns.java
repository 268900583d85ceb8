package org.ringorder.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Entries in off-heap memory, byte for byte the kernel's layout: flags at 16i, slot at 16i+4,
 * offset at 16i+8, native byte order. The same class serves a buffer this process allocates,
 * memory shared with native code, and the kernel's mmapped ring.
 */
public final class DirectGfns extends Gfns<ByteBuffer> {
    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** A new cache-line aligned ring of {@code size} zeroed entries. */
    public DirectGfns(int size) {
        this(ByteBuffer.allocateDirect(size * ENTRY_BYTES + 63).alignedSlice(64), size);
    }

    /** Entries over existing memory, e.g. a mmapped ring; the buffer must hold {@code size} entries. */
    public DirectGfns(ByteBuffer memory, int size) {
        super(size, checked(memory, size).order(ByteOrder.nativeOrder()));
    }

    private static ByteBuffer checked(ByteBuffer memory, int size) {
        if (!memory.isDirect() || memory.capacity() < size * ENTRY_BYTES) {
            throw new IllegalArgumentException("need a direct buffer of at least " + size * ENTRY_BYTES + " bytes");
        }
        return memory;
    }

    @Override
    public int flags(ByteBuffer m, int i) {
        return (int) INT.get(m, i << 4);
    }

    @Override
    public int flagsOpaque(ByteBuffer m, int i) {
        return (int) INT.getOpaque(m, i << 4);
    }

    @Override
    public int flagsAcquire(ByteBuffer m, int i) {
        return (int) INT.getAcquire(m, i << 4);
    }

    @Override
    public int flagsVolatile(ByteBuffer m, int i) {
        return (int) INT.getVolatile(m, i << 4);
    }

    @Override
    public void setFlags(ByteBuffer m, int i, int flags) {
        INT.set(m, i << 4, flags);
    }

    @Override
    public void setFlagsOpaque(ByteBuffer m, int i, int flags) {
        INT.setOpaque(m, i << 4, flags);
    }

    @Override
    public void setFlagsRelease(ByteBuffer m, int i, int flags) {
        INT.setRelease(m, i << 4, flags);
    }

    @Override
    public void setFlagsVolatile(ByteBuffer m, int i, int flags) {
        INT.setVolatile(m, i << 4, flags);
    }

    @Override
    public int slot(ByteBuffer m, int i) {
        return (int) INT.get(m, (i << 4) + 4);
    }

    @Override
    public long offset(ByteBuffer m, int i) {
        return (long) LONG.get(m, (i << 4) + 8);
    }

    @Override
    public int slotOpaque(ByteBuffer m, int i) {
        return (int) INT.getOpaque(m, (i << 4) + 4);
    }

    @Override
    public long offsetOpaque(ByteBuffer m, int i) {
        return (long) LONG.getOpaque(m, (i << 4) + 8);
    }

    @Override
    public void setSlot(ByteBuffer m, int i, int slot) {
        INT.set(m, (i << 4) + 4, slot);
    }

    @Override
    public void setOffset(ByteBuffer m, int i, long offset) {
        LONG.set(m, (i << 4) + 8, offset);
    }

    @Override
    public String layout() {
        return "direct";
    }
}
