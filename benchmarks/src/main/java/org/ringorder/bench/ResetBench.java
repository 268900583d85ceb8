package org.ringorder.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
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
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ResetBench {
    @Param({"plain", "opaque", "volatile", "acquire-load", "full-fence", "batched-fence"})
    public String strategy;

    @Param({"1024", "4096", "16384", "65536"})
    public int ringSize;

    @Param({"1", "8", "64"})
    public int vcpus;

    @Param({"all", "userspace"})
    public String roles;

    @Param({"sequential"})
    public String pattern;

    /** jvm: the Java model; native: the same reset in C11 atomics, one JNI call per ring (roles userspace: the kernel's acquire/release). */
    @Param({"jvm", "native"})
    public String backend;

    private DirtyRingVm vm;
    private OffsetPattern offsets;
    private NativeVm c;

    @Setup(Level.Trial)
    public void createVm() {
        offsets = OffsetPattern.byName(pattern);
        if (Backend.isNative(backend)) {
            c = new NativeVm(vcpus, ringSize, roles.equals("userspace") ? "acquire-load" : strategy, strategy);
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
