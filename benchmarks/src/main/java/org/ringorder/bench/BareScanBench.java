package org.ringorder.bench;

import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.ringorder.jni.NativeRing;
import org.ringorder.memory.Gfns;
import org.ringorder.ring.BareScan;
import org.ringorder.ring.DirtyRing;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * The fidelity yardstick: the bare reset scan (flag load, stop unless RESET, offset read, flag
 * clear; no coalescing, no re-protect) over one ring, in Java and, with {@code backend=native},
 * the same loop in C. Compare the {@code plain} scores and the {@code full-fence}/{@code plain}
 * ratios of the two backends in one run: a gap is the JIT's or the harness's, not the ordering's.
 *
 * <p>Score: ns per scan of {@code ringSize} entries (the scan's sum is checked before the next
 * call). The ring is re-marked before every timed scan, in both backends, so both see warm caches.
 */
public class BareScanBench extends RingBenchmark {
    /** heap: the JVM backend's int[]; bytes: a byte[] (JDK 21 or older); direct: off-heap, the kernel's layout. */
    @Param({"heap"})
    public String layout;

    private Gfns<?> gfns;
    private KernelSide kernel;
    private boolean inC;
    private long address;
    private int kernelId;
    private long expectedSum;
    private long lastSum = -1;

    @Setup(Level.Trial)
    public void createRing() {
        kernel = Strategies.byName(strategy);
        inC = Backend.isNative(backend);
        gfns = Gfns.allocate(inC ? "direct" : layout, DirtyRing.checkSize(ringSize));
        if (inC) {
            address = NativeRing.address((ByteBuffer) gfns.memory());
            kernelId = NativeRing.kernelId(strategy, Roles.ALL);
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
        return lastSum = inC ? NativeRing.scan(address, ringSize, kernelId) : BareScan.scan(gfns, kernel, ringSize);
    }
}
