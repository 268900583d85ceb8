package org.ringorder.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ringorder.jni.NativeRing;

/**
 * What one JNI round trip costs with nothing in it: the native backend pays it once per ring
 * pass, so a pass of n entries carries this / n ns per entry of call overhead (at 4096 entries,
 * a few hundredths of a ns). The argument comes from a field and the result goes back to JMH,
 * so the call can be neither folded nor dropped.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class JniCallBench {
    private int x;

    @Setup
    public void load() {
        NativeRing.require();
    }

    @Benchmark
    public int call() {
        return x = NativeRing.nop(x);
    }
}
