package org.ringorder.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.ringorder.jni.NativeRing;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.RingFixtures;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * What {@code KVM_RESET_DIRTY_RINGS} costs under each strategy: the kernel's reset loop (observe
 * RESET, read slot and offset, invalidate, coalesce, re-protect each 64-page batch under
 * mmu_lock, publish the reset index) over {@code vcpus} rings, each full of harvested entries.
 *
 * <p>Score: ns per call. A call resets exactly {@code ringSize * vcpus} entries (checked before
 * the next call), and ringorder's results divide by that to give ns per entry. The rings are
 * re-armed before each call in a setup method C2 may not inline, so the re-arming is neither
 * timed nor visible to the compiler (it cannot forward the flags it stored into the scan).
 */
public class ResetBench extends VmBenchmark {
    private DirtyRingVm vm;
    private OffsetPattern offsets;
    private NativeVm c;

    @Setup(Level.Trial)
    public void createVm() {
        offsets = OffsetPattern.byName(pattern);
        if (Backend.isNative(backend)) {
            c = new NativeVm(vcpus, ringSize, Roles.byName(roles), strategy);
            // on record in JMH's log: under userspace roles the kernel's side is Linux's, as on the JVM
            System.out.println("ringorder: native reset: kernel side " + NativeRing.kernelName(strategy, Roles.byName(roles))
                    + ", VMM side " + strategy);
            return;
        }
        vm = new DirtyRingVm(vcpus, ringSize, DirtyRing.RSVD_ENTRIES, "heap",
                Roles.byName(roles).kernel(Strategies.byName(strategy)));
    }

    @Setup(Level.Invocation)
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void harvestAll() {
        if (c != null) {
            c.harvested(offsets);
            return;
        }
        DirtyRing[] rings = vm.rings();
        for (int v = 0; v < rings.length; v++) {
            if (rings[v].used() != 0) {
                throw new IllegalStateException("the last reset left " + rings[v].used() + " entries in ring " + v);
            }
            RingFixtures.harvested(rings[v], v, ringSize, offsets);
        }
    }

    @TearDown(Level.Trial)
    public void free() {
        if (c != null) {
            c.close();
        }
    }

    @Benchmark
    public int reset() {
        return c != null ? c.resetDirtyRings() : vm.resetDirtyRings();
    }
}
