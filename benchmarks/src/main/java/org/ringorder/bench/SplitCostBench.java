package org.ringorder.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.ringorder.memory.Gfns;
import org.ringorder.memory.HeapGfns;
import org.ringorder.ring.BareScan;
import org.ringorder.strategy.KernelSide;
import org.ringorder.strategy.Strategies;

/**
 * Whether the strategy/memory split costs anything: the bare scan through a strategy and a
 * {@link Gfns} ({@code viaStrategy}) against the same scan written by hand over a raw
 * {@code int[]} with {@link HeapGfns}'s layout and access modes ({@code inlined}).
 *
 * <p>With {@code pollute=false} each fork sees one strategy and one memory class, as every
 * ringorder benchmark does, and the two should score the same. {@code pollute=true} first runs
 * the scan with every strategy over both layouts, making its call sites megamorphic: that is
 * the cost the one-receiver-per-fork rule avoids.
 */
public class SplitCostBench extends NanosBenchmark {
    private static final VarHandle INT = MethodHandles.arrayElementVarHandle(int[].class);

    /**
     * JMH's default; the CLI passes {@code -p strategy=} (plain and acquire-load of the chosen ones),
     * and BenchmarkParamsTest checks these names against {@code Strategies} by name.
     */
    @Param({"plain", "acquire-load"})
    public String strategy;

    @Param({"4096"})
    public int ringSize;

    @Param({"false", "true"})
    public boolean pollute;

    private Gfns<?> gfns;
    private KernelSide kernel;
    private int[] raw;
    private boolean acquire;

    @Setup(Level.Trial)
    public void create() {
        if (!strategy.equals("plain") && !strategy.equals("acquire-load")) {
            throw new IllegalArgumentException("unknown strategy '" + strategy + "': expected plain or acquire-load");
        }
        kernel = Strategies.byName(strategy);
        gfns = new HeapGfns(ringSize);
        raw = new int[ringSize * 4];
        acquire = strategy.equals("acquire-load");
        if (pollute) {
            for (String name : Strategies.NAMES) {
                for (String layout : new String[] {"heap", "direct"}) {
                    Gfns<?> g = Gfns.allocate(layout, 1024);
                    for (int k = 0; k < 20_000; k++) {
                        BareScan.markAll(g, 1024);
                        BareScan.scan(g, Strategies.byName(name), 1024);
                    }
                }
            }
        }
    }

    @Setup(Level.Invocation)
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void markAll() {
        BareScan.markAll(gfns, ringSize);
        for (int i = 0; i < ringSize; i++) {
            raw[4 * i + 1] = 1;
            raw[4 * i + 2] = i;
            raw[4 * i + 3] = 0;
            raw[4 * i] = Gfns.F_RESET;
        }
        VarHandle.fullFence();
    }

    @Benchmark
    public long viaStrategy() {
        return BareScan.scan(gfns, kernel, ringSize);
    }

    @Benchmark
    public long inlined() {
        return acquire ? scanAcquire(raw, ringSize) : scanPlain(raw, ringSize);
    }

    private static long scanPlain(int[] a, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if ((a[i << 2] & Gfns.F_RESET) == 0) {
                break;
            }
            sum += (a[(i << 2) + 2] & 0xffff_ffffL) | ((long) a[(i << 2) + 3] << 32);
            a[i << 2] = 0;
        }
        return sum;
    }

    private static long scanAcquire(int[] a, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if (((int) INT.getAcquire(a, i << 2) & Gfns.F_RESET) == 0) {
                break;
            }
            sum += (a[(i << 2) + 2] & 0xffff_ffffL) | ((long) a[(i << 2) + 3] << 32);
            INT.setRelease(a, i << 2, 0);
        }
        return sum;
    }
}
