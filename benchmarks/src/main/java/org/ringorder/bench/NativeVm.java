package org.ringorder.bench;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.ringorder.jni.NativeRing;
import org.ringorder.memory.DirectGfns;
import org.ringorder.memory.Gfns;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.Roles;

/**
 * The native backend's VM for the reset and harvest benchmarks: {@code vcpus} rings of the
 * kernel's layout in direct buffers, their indices and bitmaps in C. Every call passes whole
 * rings (the reset index and fetch index advance by the ring size), so the fixtures re-arm every
 * entry in place; each call's count is checked before the next one.
 */
public final class NativeVm implements AutoCloseable {
    private final int size;
    private final int kernelId;
    private final int vmmId;
    private final DirectGfns[] gfns;
    private final long vm;
    private final long[] rings;
    private int marked;
    private int lastCount = -1;

    /**
     * The strategy orders the VMM's side; the kernel's side is the one {@code roles} gives it, as on
     * the JVM (Linux's under userspace). A strategy without C kernels is refused in one line.
     */
    public NativeVm(int vcpus, int ringSize, Roles roles, String strategy) {
        this.size = DirtyRing.checkSize(ringSize);
        this.kernelId = NativeRing.kernelId(strategy, roles);
        this.vmmId = NativeRing.strategyId(strategy);
        this.vm = NativeRing.createVm(OffsetPattern.NPAGES);
        this.gfns = new DirectGfns[vcpus];
        this.rings = new long[vcpus];
        for (int v = 0; v < vcpus; v++) {
            gfns[v] = new DirectGfns(size);
            rings[v] = NativeRing.createRing(NativeRing.address(gfns[v].memory()), size);
        }
        if (vm == 0 || Arrays.stream(rings).anyMatch(r -> r == 0)) {
            close();
            throw new OutOfMemoryError("the native VM could not be allocated");
        }
    }

    /** Every entry of every ring harvested (RESET), with ring v's pages. Not timed. */
    public void harvested(OffsetPattern offsets) {
        arm(offsets, Gfns.F_RESET);
    }

    /** Every entry of every ring pushed (DIRTY), with ring v's pages. Not timed. */
    public void pushed(OffsetPattern offsets) {
        arm(offsets, Gfns.F_DIRTY);
    }

    private void arm(OffsetPattern offsets, int flags) {
        if (lastCount != -1 && lastCount != size * rings.length) {
            throw new IllegalStateException("the last call processed " + lastCount + " entries, expected " + size * rings.length);
        }
        for (int v = 0; v < rings.length; v++) {
            DirectGfns g = gfns[v];
            for (int i = 0; i < size; i++) {
                g.setSlot(g.memory(), i, offsets.slot(v));
                g.setOffset(g.memory(), i, offsets.offset(v, i));
                g.setFlags(g.memory(), i, flags);
            }
        }
        VarHandle.fullFence();
    }

    /**
     * KVM_RESET_DIRTY_RINGS: each ring's reset in C, one call per ring. Unlike the Java model it
     * takes no slots_lock around the rings: one uncontended lock per call, some 20 ns over a
     * 4096-entry ring, is below what the comparison resolves.
     */
    public int resetDirtyRings() {
        int count = 0;
        for (long r : rings) {
            count += NativeRing.reset(vm, r, kernelId);
        }
        return lastCount = count;
    }

    /** The reaper: each ring's harvest in C, one call per ring, then the doorbell. */
    public int reapAll() {
        int count = 0;
        for (long r : rings) {
            count += NativeRing.harvest(vm, r, vmmId);
        }
        marked += count;
        NativeRing.doorbell(vm, marked, vmmId);
        return lastCount = count;
    }

    @Override
    public void close() {
        for (long r : rings) {
            if (r != 0) {
                NativeRing.destroyRing(r);
            }
        }
        if (vm != 0) {
            NativeRing.destroyVm(vm);
        }
    }
}
