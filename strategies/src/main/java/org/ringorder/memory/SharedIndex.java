package org.ringorder.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One free-running u32 index (dirty, fetch or reset index, or a doorbell), alone on its own
 * 128 bytes on both sides so that indices written by different threads never share a line
 * (128: Apple's line size, and Intel's adjacent-line prefetch pairs 64-byte lines).
 * Wraparound is the kernel's: compare indices by their difference, never by their order.
 */
public final class SharedIndex extends SharedIndexValue {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    public SharedIndex() {
    }

    public SharedIndex(int initial) {
        value = initial;
    }

    public int get() {
        return value;
    }

    public int getOpaque() {
        return (int) VALUE.getOpaque(this);
    }

    public int getAcquire() {
        return (int) VALUE.getAcquire(this);
    }

    public int getVolatile() {
        return (int) VALUE.getVolatile(this);
    }

    public void set(int v) {
        value = v;
    }

    public void setOpaque(int v) {
        VALUE.setOpaque(this, v);
    }

    public void setRelease(int v) {
        VALUE.setRelease(this, v);
    }

    public void setVolatile(int v) {
        VALUE.setVolatile(this, v);
    }
}

/** Fields before the value: the JVM lays out superclass fields first, so this padding stays in front. */
abstract class SharedIndexPad {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class SharedIndexValue extends SharedIndexPad {
    static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SharedIndexValue.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    int value;
}
