package org.ringorder.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * What the reset-path microbenchmarks share (JMH inherits state, params and settings): one
 * strategy per fork, so every call site sees one strategy; a ring size; and the backend, the Java
 * strategies or the same kernels in C.
 */
public abstract class RingBenchmark extends NanosBenchmark {
    /**
     * JMH's default, for a run without the CLI: the CLI always passes {@code -p strategy=} from
     * {@code Strategies.NAMES}, so a new strategy needs no edit here (BenchmarkParamsTest checks
     * these names against {@code Strategies} by name; annotation values must be constants).
     */
    @Param({"plain", "opaque", "volatile", "acquire-load", "full-fence", "batched-fence"})
    public String strategy;

    @Param({"1024", "4096", "16384", "65536"})
    public int ringSize;

    /** jvm: the Java strategy; native: the same kernel in C11 atomics, one JNI call per ring pass. */
    @Param({"jvm", "native"})
    public String backend;
}
