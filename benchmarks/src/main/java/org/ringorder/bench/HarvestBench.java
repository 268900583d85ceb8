package org.ringorder.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.Reaper;
import org.ringorder.ring.RingFixtures;
import org.ringorder.ring.SlotBitmap;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;
import org.ringorder.strategy.UserspaceSide;

/**
 * What the VMM's harvest pass costs under each strategy: QEMU's reaper over {@code vcpus}
 * rings full of DIRTY entries (observe DIRTY, read slot and offset, set the page in the dirty
 * bitmap, mark RESET), then the doorbell.
 *
 * <p>Score: ns per call; a call harvests exactly {@code ringSize * vcpus} entries (checked before
 * the next call), and results divide by that. The harvest is the VMM's side, so {@code roles}
 * changes nothing here; it is kept so the reset and harvest grids line up. Re-arming is untimed
 * and out of C2's sight, as in {@link ResetBench}.
 */
public class HarvestBench extends VmBenchmark {
    private NativeVm c;
    private DirtyRing[] rings;
    private Reaper reaper;
    private OffsetPattern offsets;

    @Setup(Level.Trial)
    public void createVm() {
        offsets = OffsetPattern.byName(pattern);
        if (Backend.isNative(backend)) {
            c = new NativeVm(vcpus, ringSize, Roles.byName(roles), strategy);
            return;
        }
        UserspaceSide vmm = Strategies.byName(strategy);
        rings = new DirtyRingVm(vcpus, ringSize, DirtyRing.RSVD_ENTRIES, "heap",
                Roles.byName(roles).kernel(Strategies.byName(strategy))).rings();
        reaper = new Reaper(vmm, new SlotBitmap(1, OffsetPattern.NPAGES));
    }

    @Setup(Level.Invocation)
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void pushAll() {
        if (c != null) {
            c.pushed(offsets);
            return;
        }
        for (int v = 0; v < rings.length; v++) {
            DirtyRing ring = rings[v];
            if (ring.fetchIndex().get() != ring.dirtyIndex().get()) {
                throw new IllegalStateException("the last harvest left "
                        + (ring.dirtyIndex().get() - ring.fetchIndex().get()) + " entries in ring " + v);
            }
            RingFixtures.drained(ring);
            RingFixtures.pushed(ring, v, ringSize, offsets);
        }
    }

    @TearDown(Level.Trial)
    public void free() {
        if (c != null) {
            c.close();
        }
    }

    @Benchmark
    public int harvest() {
        return c != null ? c.reapAll() : reaper.reapAll(rings);
    }
}
