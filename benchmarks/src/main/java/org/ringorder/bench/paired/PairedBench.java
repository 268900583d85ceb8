package org.ringorder.bench.paired;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
import org.ringorder.bench.Backend;
import org.ringorder.jni.NativeRing;

/**
 * A strategy against the reference ({@code plain}) in the same JVM, in the same time window: each
 * invocation runs one harvest + reset cycle of each side, in a random order, each side re-armed
 * just before its own cycle. The machine's slow noise (frequency, steal, the neighbours) is common
 * to both sides of a pair and cancels in their ratio, which independent forks cannot give.
 *
 * <p>What is measured: each side's harvest and reset nanoseconds, summed over the iteration, as
 * {@code EVENTS} counters (not normalised by time), so the ratio of the sides comes from JMH's raw
 * per-iteration data. The primary score (a pair's wall time, re-arming included) means little.
 *
 * <p>Traps avoided: each side is a separately loaded copy of the ring model and the strategies
 * ({@link IsolatingLoader}), so no call site ever sees two strategies (one strategy per fork, as
 * in the other benchmarks, but both in one JVM). The null pair ({@code strategy=plain}) is two
 * such copies of plain: a bias from order, layout or loader would show there. The re-arm is kept
 * out of line, and every pass is checked to process every entry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,org.ringorder.bench.paired.JvmSide::arm"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PairedBench {
    /**
     * The strategy measured against the reference; {@code plain} is the null pair. JMH's default,
     * for a run without the CLI: the CLI always passes {@code -p strategy=}, its names from
     * {@code Strategies.NAMES}, and BenchmarkParamsTest checks these names against {@code Strategies} by name.
     */
    @Param({"plain", "volatile", "acquire-load", "full-fence", "batched-fence"})
    public String strategy;

    /** The common reference every ratio is taken against. */
    @Param({"plain"})
    public String reference;

    @Param({"4096"})
    public int ringSize;

    @Param({"1"})
    public int vcpus;

    @Param({"all"})
    public String roles;

    @Param({"sequential"})
    public String pattern;

    @Param({"jvm", "native"})
    public String backend;

    private PairSide ref;
    private PairSide test;
    private final SideOrder order = new SideOrder();

    /** Each side's harvest and reset nanoseconds this iteration, and the pairs run. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Sides {
        final long[] ref = new long[2];
        final long[] test = new long[2];
        public long pairs;

        @Setup(Level.Iteration)
        public void clear() {
            ref[0] = ref[1] = test[0] = test[1] = 0;
            pairs = 0;
        }

        public long refHarvestNanos() {
            return ref[0];
        }

        public long refResetNanos() {
            return ref[1];
        }

        public long testHarvestNanos() {
            return test[0];
        }

        public long testResetNanos() {
            return test[1];
        }
    }

    @Setup(Level.Trial)
    public void createSides() {
        if (Backend.isNative(backend)) {
            // the native null pair: plain against plain's kernels compiled a second time
            ref = new NativeSide(reference, ringSize, vcpus, roles, pattern);
            test = new NativeSide(strategy.equals(reference) ? NativeRing.PLAIN_TWIN : strategy, ringSize, vcpus, roles, pattern);
        } else {
            ref = JvmSide.load("reference", reference, ringSize, vcpus, roles, pattern);
            test = JvmSide.load("test", strategy, ringSize, vcpus, roles, pattern);
        }
    }

    @TearDown(Level.Trial)
    public void free() {
        for (PairSide s : new PairSide[] {ref, test}) {
            if (s instanceof NativeSide n) {
                n.close();
            }
        }
    }

    @Benchmark
    public void pair(Sides t) {
        if (order.referenceFirst()) {
            ref.cycle(t.ref);
            test.cycle(t.test);
        } else {
            test.cycle(t.test);
            ref.cycle(t.ref);
        }
        t.pairs++;
    }
}
