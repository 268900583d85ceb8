package org.ringorder.bench;

import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.ringorder.jni.NativeRing;
import org.ringorder.memory.Gfns;
import org.ringorder.ring.BareScan;
import org.ringorder.ring.DirtyRing;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Strategies;

/**
 * The fidelity yardstick: exactly what ../shared/anchors/ringscan.c times (flag load, stop unless
 * RESET, offset read, flag clear; no coalescing, no re-protect) over one ring. Compare the
 * {@code plain} score and the {@code full-fence}/{@code plain} ratio with the C rows run in the
 * same sitting: a gap is the harness's own overhead, not the ordering's.
 *
 * <p>Score: ns per scan of {@code ringSize} entries (the scan's sum is checked before the next
 * call). ringscan.c also re-marks the ring before every timed scan, so both see warm caches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class BareScanBench {
    @Param({"plain", "opaque", "volatile", "acquire-load", "full-fence", "batched-fence"})
    public String strategy;

    @Param({"1024", "4096", "16384", "65536"})
    public int ringSize;

    /** heap: the JVM backend's int[]; bytes: a byte[] (JDK 21 or older); direct: off-heap, the kernel's layout. */
    @Param({"heap"})
    public String layout;

    /** jvm: the Java strategy; native: the same scan in C11 atomics over direct memory, one JNI call per scan (layout ignored). */
    @Param({"jvm", "native"})
    public String backend;

    private Gfns<?> gfns;
    private KernelSide kernel;
    private boolean inC;
    private long address;
    private int strategyId;
    private long expectedSum;
    private long lastSum = -1;

    @Setup(Level.Trial)
    public void createRing() {
        kernel = Strategies.byName(strategy);
        inC = Backend.isNative(backend);
        gfns = Gfns.allocate(inC ? "direct" : layout, DirtyRing.checkSize(ringSize));
        if (inC) {
            address = NativeRing.address((ByteBuffer) gfns.memory());
            strategyId = NativeRing.strategyId(strategy);
        }
        expectedSum = (long) ringSize * (ringSize - 1) / 2;
    }

    @Setup(Level.Invocation)
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void markAll() {
        if (lastSum != -1 && lastSum != expectedSum) {
            throw new IllegalStateException("scan summed " + lastSum + ", expected " + expectedSum);
        }
        BareScan.markAll(gfns, ringSize);
    }

    @Benchmark
    public long scan() {
        return lastSum = inC ? NativeRing.scan(address, ringSize, strategyId) : BareScan.scan(gfns, kernel, ringSize);
    }
}
