package org.ringorder.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An index alone on its own 128 bytes on both sides, so that indices written by different
 * threads never share a line (128: Apple's line size, and Intel's adjacent-line prefetch pairs
 * 64-byte lines).
 */
public final class PaddedIndex extends PaddedIndexValue {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    public PaddedIndex() {
    }

    public PaddedIndex(int initial) {
        value = initial;
    }

    @Override
    public int get() {
        return value;
    }

    @Override
    public int getOpaque() {
        return (int) VALUE.getOpaque(this);
    }

    @Override
    public int getAcquire() {
        return (int) VALUE.getAcquire(this);
    }

    @Override
    public int getVolatile() {
        return (int) VALUE.getVolatile(this);
    }

    @Override
    public void set(int v) {
        value = v;
    }

    @Override
    public void setOpaque(int v) {
        VALUE.setOpaque(this, v);
    }

    @Override
    public void setRelease(int v) {
        VALUE.setRelease(this, v);
    }

    @Override
    public void setVolatile(int v) {
        VALUE.setVolatile(this, v);
    }
}

/**
 * Fields before the value: the JVM lays out superclass fields first, so this padding stays in
 * front. Since JDK 15 a subclass's int may fill the 4-byte gap after a compressed class pointer
 * (offset 12), in front of every superclass field: {@code gap} takes that slot, or the value
 * would sit right after the header with no padding before it (seen in {@code ringorder asm}:
 * {@code mov 0xc(%rsi)}).
 */
abstract class PaddedIndexPad extends SharedIndex {
    int gap;
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class PaddedIndexValue extends PaddedIndexPad {
    static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedIndexValue.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    int value;
}
