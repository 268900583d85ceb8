package org.ringorder.ring;

import java.util.concurrent.locks.ReentrantLock;
import org.ringorder.memory.Gfns;
import org.ringorder.strategy.KernelSide;

/**
 * A VM with one dirty ring per vCPU, and the global {@code KVM_RESET_DIRTY_RINGS} ioctl
 * ({@code kvm_vm_ioctl_reset_dirty_pages}): under slots_lock, reset every ring; then, if
 * anything was cleared, flush remote TLBs; return the number of entries reset.
 */
public final class DirtyRingVm {
    /** The most vCPUs (rings) a VM may have here: x86's {@code KVM_MAX_VCPUS}. */
    public static final int MAX_VCPUS = 1024;

    private final DirtyRing[] rings;
    private final Memslots memslots;
    private final ReentrantLock slotsLock = new ReentrantLock();
    private long tlbFlushes;

    /**
     * @param vcpus rings, one per vCPU
     * @param ringSize entries per ring, a power of two in 256..65536
     * @param reserve 64, or 576 for the x86 PML reserve
     * @param layout {@code heap}, {@code bytes} or {@code direct} (see {@link Gfns#allocate})
     */
    public DirtyRingVm(int vcpus, int ringSize, int reserve, String layout, KernelSide kernel) {
        this(vcpus, ringSize, reserve, layout, kernel, null, true);
    }

    /**
     * As above; with a {@code verify} pattern, every reader checks each payload against it, and
     * with {@code padded} false each ring's indices share a cache line (see {@link DirtyRing}).
     */
    public DirtyRingVm(int vcpus, int ringSize, int reserve, String layout, KernelSide kernel, OffsetPattern verify,
                       boolean padded) {
        checkVcpus(vcpus);
        DirtyRing.checkSize(ringSize);
        DirtyRing.checkReserve(reserve, ringSize);
        this.rings = new DirtyRing[vcpus];
        for (int v = 0; v < vcpus; v++) {
            rings[v] = new DirtyRing(Gfns.allocate(layout, ringSize), reserve, kernel, v, verify, padded);
        }
        this.memslots = new Memslots(1, OffsetPattern.NPAGES);
    }

    /** Returns {@code vcpus}, or throws naming the bad value and the accepted ones (the one check of the range). */
    public static int checkVcpus(int vcpus) {
        if (vcpus < 1 || vcpus > MAX_VCPUS) {
            throw new IllegalArgumentException("--vcpus " + vcpus + " is out of range: expected 1.." + MAX_VCPUS);
        }
        return vcpus;
    }

    /** {@code KVM_RESET_DIRTY_RINGS}: returns the number of entries reset across all rings. */
    public int resetDirtyRings() {
        int cleared = 0;
        slotsLock.lock();
        try {
            for (DirtyRing ring : rings) {
                cleared += ring.reset(memslots);
            }
        } finally {
            slotsLock.unlock();
        }
        if (cleared != 0) {
            tlbFlushes++;
        }
        return cleared;
    }

    public DirtyRing[] rings() {
        return rings;
    }

    public DirtyRing ring(int vcpu) {
        return rings[vcpu];
    }

    public Memslots memslots() {
        return memslots;
    }

    /** Stale payloads the reset has read, over all rings. */
    public long stale() {
        long n = 0;
        for (DirtyRing r : rings) {
            n += r.stale();
        }
        return n;
    }

    /** {@code kvm_flush_remote_tlbs} calls so far: one per reset call that cleared anything. */
    public long tlbFlushes() {
        return tlbFlushes;
    }
}
