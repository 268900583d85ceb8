package org.ringorder.memory;

/**
 * One free-running u32 index shared between threads (dirty, fetch or reset index, or a
 * doorbell), with one accessor per access mode so a strategy names its ordering. Wraparound is
 * the kernel's: compare indices by their difference, never by their order.
 *
 * <p>{@link PaddedIndex} keeps each index on lines of its own; {@link PackedIndex} packs a
 * ring's indices side by side, as a plain C struct would, to show what false sharing costs.
 * A run uses one of them, so the call sites stay monomorphic.
 */
public abstract class SharedIndex {
    public abstract int get();

    public abstract int getOpaque();

    public abstract int getAcquire();

    public abstract int getVolatile();

    public abstract void set(int v);

    public abstract void setOpaque(int v);

    public abstract void setRelease(int v);

    public abstract void setVolatile(int v);
}
