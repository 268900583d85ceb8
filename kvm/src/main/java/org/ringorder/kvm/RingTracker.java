package org.ringorder.kvm;

import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.ringorder.memory.DirectGfns;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.Memslots;
import org.ringorder.ring.Reaper;
import org.ringorder.ring.SlotBitmap;
import org.ringorder.strategy.LinuxKernel;
import org.ringorder.strategy.UserspaceSide;

/**
 * The dirty ring, QEMU's way ({@code kvm_dirty_ring_reap_locked}): harvest every vCPU's mmapped
 * ring with the strategy's userspace side, then the real KVM_RESET_DIRTY_RINGS, whose count must
 * equal the entries harvested ({@code assert(ret == total)}: a mismatch is counted, so a run can
 * report it). The cycle's pages collect in a bitmap of its own, which {@link #send} empties.
 */
final class RingTracker implements DirtyTracker {
    private final long vm;
    private final DirtyRing[] rings;
    private final Reaper reaper;
    private final SlotBitmap cycle;
    private final Break brk;
    private final String capability;
    private final Histogram resetNanos = new Histogram(3_600_000_000_000L, 3);
    private int deferred;
    private long resetCalls;
    private long resetEntries;
    private long mismatches;
    private long ioctlNanos;

    RingTracker(long vm, UserspaceSide vmm, int vcpus, int entries, long pages, Break brk, String capability) {
        this.vm = vm;
        this.brk = brk;
        this.capability = capability;
        this.rings = new DirtyRing[vcpus];
        for (int i = 0; i < vcpus; i++) {
            rings[i] = new DirtyRing(new DirectGfns(Kvm.ring(vm, i), entries), DirtyRing.RSVD_ENTRIES, new LinuxKernel());
        }
        this.cycle = new SlotBitmap(KvmRun.DATA_SLOT + 1, pages);
        this.reaper = new Reaper(vmm, cycle);
    }

    /**
     * Compiles the strategy's harvest before the timed cycles: the same reaper code over a
     * scratch ring of the same memory type (a direct buffer), pushed and reset by the simulated
     * kernel. Without it a slow dirty rate leaves the harvest in the interpreter for the whole
     * run (a few hundred cycles of a few dozen entries), and the ring pays for the JIT, not the
     * protocol; QEMU's C never does.
     */
    static void warmUp(UserspaceSide vmm, int entries, long pages) {
        DirtyRing scratch = new DirtyRing(new DirectGfns(entries), DirtyRing.RSVD_ENTRIES, new LinuxKernel());
        SlotBitmap log = new SlotBitmap(KvmRun.DATA_SLOT + 1, pages);
        Reaper reaper = new Reaper(vmm, log);
        Memslots slots = new Memslots(KvmRun.DATA_SLOT + 1, pages);
        DirtyRing[] rings = {scratch};
        for (int round = 0; round < 300; round++) {
            for (int j = 0; j < scratch.softLimit(); j++) {
                scratch.push(KvmRun.DATA_SLOT, (round * 131L + j) % pages);
            }
            reaper.reapAll(rings);
            scratch.reset(slots);
            log.drain(KvmRun.DATA_SLOT, p -> { }); // send's path: the pages themselves are not needed
        }
    }

    @Override
    public int collect() {
        if (deferred > 0) {
            reset(deferred);
            deferred = 0;
        }
        int marked = reaper.reapAll(rings);
        if (marked == 0) {
            return 0;
        }
        if (brk.defers()) {
            deferred = marked;
        } else if (!brk.skips()) {
            reset(marked);
        }
        return marked;
    }

    @Override
    public void send(LongConsumer page) {
        if (brk != Break.DROP_LAST) {
            cycle.drain(KvmRun.DATA_SLOT, page);
            return;
        }
        long[] last = {-1};
        cycle.drain(KvmRun.DATA_SLOT, p -> {
            if (last[0] >= 0) {
                page.accept(last[0]);
            }
            last[0] = p;
        });
    }

    @Override
    public void finish() {
        if (deferred > 0) {
            reset(deferred);
            deferred = 0;
        }
    }

    /** KVM_RESET_DIRTY_RINGS after {@code marked} entries were marked, its latency recorded and its count checked. */
    private void reset(int marked) {
        long t0 = System.nanoTime();
        int cleared = Kvm.reset(vm);
        long took = Math.max(1, System.nanoTime() - t0);
        resetNanos.recordValue(took);
        ioctlNanos += took;
        resetCalls++;
        resetEntries += cleared;
        if (cleared != marked) {
            mismatches++;
        }
    }

    @Override
    public String capability() {
        return capability;
    }

    @Override
    public long ioctls() {
        return resetCalls;
    }

    @Override
    public long ioctlNanos() {
        return ioctlNanos;
    }

    Histogram resetNanos() {
        return resetNanos;
    }

    long resetCalls() {
        return resetCalls;
    }

    long resetEntries() {
        return resetEntries;
    }

    /** Reset calls whose count was not the entries harvested before them. */
    long mismatches() {
        return mismatches;
    }

    /** Passes that found a whole ring DIRTY: the kernel pushed past its soft limit (size - 64). */
    long ringOverruns() {
        return reaper.wholeRingPasses();
    }

    /** Entries that named no page of the data slot: a stale or torn payload. */
    long outOfRange() {
        return reaper.outOfRange();
    }
}
