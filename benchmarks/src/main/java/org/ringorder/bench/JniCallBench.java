package org.ringorder.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.ringorder.jni.NativeRing;

/**
 * What one JNI round trip costs with nothing in it: the native backend pays it once per ring
 * pass, so a pass of n entries carries this / n ns per entry of call overhead (at 4096 entries,
 * a few hundredths of a ns). The argument comes from a field and the result goes back to JMH,
 * so the call can be neither folded nor dropped.
 */
public class JniCallBench extends NanosBenchmark {
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
