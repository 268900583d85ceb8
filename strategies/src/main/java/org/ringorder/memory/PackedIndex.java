package org.ringorder.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** An index that is one int of a small shared array: neighbours share its cache line on purpose. */
public final class PackedIndex extends SharedIndex {
    private static final VarHandle INT = MethodHandles.arrayElementVarHandle(int[].class);

    private final int[] cells;
    private final int at;

    /** The index {@code cells[at]}; several indices over one array sit in one line. */
    public PackedIndex(int[] cells, int at) {
        this.cells = cells;
        this.at = at;
    }

    @Override
    public int get() {
        return cells[at];
    }

    @Override
    public int getOpaque() {
        return (int) INT.getOpaque(cells, at);
    }

    @Override
    public int getAcquire() {
        return (int) INT.getAcquire(cells, at);
    }

    @Override
    public int getVolatile() {
        return (int) INT.getVolatile(cells, at);
    }

    @Override
    public void set(int v) {
        cells[at] = v;
    }

    @Override
    public void setOpaque(int v) {
        INT.setOpaque(cells, at, v);
    }

    @Override
    public void setRelease(int v) {
        INT.setRelease(cells, at, v);
    }

    @Override
    public void setVolatile(int v) {
        INT.setVolatile(cells, at, v);
    }
}
