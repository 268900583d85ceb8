package org.ringorder.litmus;

import org.ringorder.memory.Gfns;
import org.ringorder.memory.HeapGfns;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Safety;

/**
 * What every litmus state shares: one ring's entries in the JVM backend's layout, and the pages
 * of two laps. Laps are told apart by their payload alone, as the stress mode does: lap 1 is
 * {slot 1, offset 0x1_0000_0001}, lap 2 {slot 2, offset 0x2_0000_0002} (both halves of the
 * offset differ, so a torn read shows).
 */
public abstract class Litmus {
    /** The accessors only; every state brings its own memory. */
    protected static final HeapGfns G = new HeapGfns(1);

    /** What a payload read returned: nothing pushed yet, a lap, or a mix of laps. */
    protected static final int EMPTY = 0;
    protected static final int LAP1 = 1;
    protected static final int LAP2 = 2;
    protected static final int TORN = 9;
    /** A payload not read: the flag seen did not allow it. */
    protected static final int NOT_READ = -1;

    /** The strategy under test (its flag name), or {@link org.ringorder.strategy.LinuxKernel#NAME} for the kernel model alone. */
    public abstract String strategy();

    /** The roles it runs under: all (the strategy on both sides) or userspace (Linux's kernel side). */
    public abstract Roles roles();

    /** The shape under test. */
    public abstract Safety.Shape shape();

    /** Which form of the shape, e.g. "one entry" or "three actors". */
    public abstract String form();

    protected static void write(int[] m, int i, int lap) {
        G.setSlot(m, i, lap);
        G.setOffset(m, i, (long) lap << 32 | lap);
    }

    protected static int read(int[] m, int i) {
        int slot = G.slot(m, i);
        long offset = G.offset(m, i);
        if (slot == 0 && offset == 0) {
            return EMPTY;
        }
        return (slot == LAP1 || slot == LAP2) && offset == ((long) slot << 32 | slot) ? slot : TORN;
    }

    /** The reset's payload read, through the kernel side's own loads (Linux: READ_ONCE). */
    protected static int readByReset(KernelSide kernel, int[] m, int i) {
        int slot = kernel.resetSlot(G, m, i);
        long offset = kernel.resetOffset(G, m, i);
        if (slot == 0 && offset == 0) {
            return EMPTY;
        }
        return (slot == LAP1 || slot == LAP2) && offset == ((long) slot << 32 | slot) ? slot : TORN;
    }

    protected static void dirty(int[] m, int i, int lap) {
        write(m, i, lap);
        G.setFlags(m, i, Gfns.F_DIRTY);
    }
}
