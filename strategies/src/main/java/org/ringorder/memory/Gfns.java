package org.ringorder.memory;

import java.util.List;

/**
 * The entries of one dirty ring: {@code struct kvm_dirty_gfn dirty_gfns[size]}, each
 * {@code {u32 flags; u32 slot; u64 offset;}}, 16 bytes.
 *
 * <p>Only {@code flags} is ever accessed with an ordering; {@code slot} and {@code offset} are the
 * payload and are always plain, as in the kernel and QEMU. A strategy picks the flag accessor by
 * name, so each ordering point reads as the instruction it asks for (JCTools style).
 *
 * <p>Subclasses are the memory behind the ring (heap array, off-heap buffer, the kernel's
 * mmapped ring). A benchmark fork uses exactly one of them, so every call site here stays
 * monomorphic and C2 inlines it: the split costs nothing (see {@code SplitCostBench}).
 */
public abstract class Gfns<M> {
    /** {@code struct kvm_dirty_gfn} is 16 bytes: 4 entries per 64-byte cache line. */
    public static final int ENTRY_BYTES = 16;
    /** {@code KVM_DIRTY_GFN_F_DIRTY}: pushed by the kernel, not yet harvested. */
    public static final int F_DIRTY = 1;
    /** {@code KVM_DIRTY_GFN_F_RESET}: harvested by userspace, waiting for the reset ioctl. */
    public static final int F_RESET = 2;

    protected final int size;
    private final M memory;

    protected Gfns(int size, M memory) {
        this.size = size;
        this.memory = memory;
    }

    /**
     * The memory itself ({@code int[]}, {@code byte[]} or a direct {@code ByteBuffer}). Every
     * accessor takes it as an argument, as JCTools' {@code lvElement(buffer, offset)} does: a loop
     * reads it once into a local, so the JIT need not reload it after each ordered access (a
     * barrier would otherwise force the field load, and with it the bounds checks, back into
     * every iteration).
     */
    public final M memory() {
        return memory;
    }

    /** Number of entries. */
    public final int size() {
        return size;
    }

    public abstract int flags(M m, int i);

    public abstract int flagsOpaque(M m, int i);

    public abstract int flagsAcquire(M m, int i);

    public abstract int flagsVolatile(M m, int i);

    public abstract void setFlags(M m, int i, int flags);

    public abstract void setFlagsOpaque(M m, int i, int flags);

    public abstract void setFlagsRelease(M m, int i, int flags);

    public abstract void setFlagsVolatile(M m, int i, int flags);

    public abstract int slot(M m, int i);

    public abstract long offset(M m, int i);

    /** {@code READ_ONCE(entry->slot)}: the access happens, once, coherently; it orders nothing else. */
    public abstract int slotOpaque(M m, int i);

    /** {@code READ_ONCE(entry->offset)} (in the heap layout two opaque halves: a torn read shows as a mix). */
    public abstract long offsetOpaque(M m, int i);

    public abstract void setSlot(M m, int i, int slot);

    public abstract void setOffset(M m, int i, long offset);

    /** Short name of the memory behind the entries, for results. */
    public abstract String layout();

    /** Every layout name {@link #allocate} accepts. */
    public static final List<String> LAYOUTS = List.of("heap", "bytes", "direct");

    /**
     * The layouts by name: {@code heap} (an {@code int[]}, the JVM backend's), {@code bytes} (a
     * {@code byte[]}, JDK 21 or older) or {@code direct} (off-heap, the kernel's exact layout).
     */
    public static Gfns<?> allocate(String layout, int size) {
        switch (layout) {
            case "heap":
                return new HeapGfns(size);
            case "bytes":
                return new ByteArrayGfns(size);
            case "direct":
                return new DirectGfns(size);
            default:
                throw new IllegalArgumentException(
                        "unknown layout '" + layout + "': expected one of " + String.join(", ", LAYOUTS));
        }
    }
}
