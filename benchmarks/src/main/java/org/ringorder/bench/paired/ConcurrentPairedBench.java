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
import org.ringorder.jni.Cpus;
import org.ringorder.jni.NativeRing;

/**
 * A strategy against the reference ({@code plain}) on the concurrent workload, paired: vCPU threads
 * push into their own rings while a collector harvests every ring and calls the reset (QEMU's
 * placement), so the ring's lines move between cores as in a live migration. Each invocation runs
 * one block of each side, in a random order; a block is every vCPU pushing {@code laps} rings'
 * worth of entries and the collector recycling all of them, timed from its start to its last reset.
 *
 * <p>What is measured: each side's nanoseconds and entries recycled end to end, summed over the
 * iteration as {@code EVENTS} counters, so the ratio of the sides' ns per entry is taken per fork.
 * The primary score (a pair's wall time) means little.
 *
 * <p>Blocks by entries, not by time: both sides do the same work, the hot loops need no stop flag
 * (a shared read the ordering would have to order), and a block ends with its rings empty, so every
 * block of a side starts from the same state. A block takes 0.15..0.5 ms here: short enough that the
 * machine's slow noise is common to both sides of a pair, long enough that the switch (the other
 * side's rings coming back into the caches) is a small, equal share of each.
 *
 * <p>Traps avoided: each JVM side is a separately loaded copy of the ring model and the strategies
 * ({@link IsolatingLoader}), so no call site in a side's loops sees the other's strategy; the C
 * side is each strategy's own kernels (plain's twin for the null pair). The two sides never run at
 * once (one block at a time on the same threads). Each thread has a CPU of its own ({@link Cpus}),
 * pinned with {@code pin=threads}; more threads than CPUs are refused. Every reader verifies every
 * payload ({@code verify=both}); {@code verify=reference} leaves the test side's off, so the null
 * pair then measures what the verification costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// each side's loops compiled as methods of their own, never inlined into the shared threads' loops that call both sides
@Fork(value = 3, jvmArgsAppend = {"-XX:CompileCommand=quiet", "-XX:CompileCommand=dontinline,org.ringorder.bench.paired.JvmWorkloadSide::*"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConcurrentPairedBench {
    /** A block that has not finished in this time lost an entry: the run fails instead of hanging. */
    private static final long BLOCK_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** The strategy measured against the reference; {@code plain} is the null pair (the CLI always passes -p strategy=). */
    @Param({"plain", "acquire-load"})
    public String strategy;

    @Param({"plain"})
    public String reference;

    @Param({"4096"})
    public int ringSize;

    /** vCPU threads, each with a ring of its own; the collector is one more thread. */
    @Param({"1"})
    public int vcpus;

    /** Ring laps each vCPU pushes per block. */
    @Param({"8"})
    public int laps;

    @Param({"sequential"})
    public String pattern;

    @Param({"jvm", "native"})
    public String backend;

    /** {@code threads}: each thread pinned to a CPU of its own; {@code none}: the scheduler places them (still one CPU each). */
    @Param({"threads"})
    public String pin;

    /** {@code both}: every reader of both sides verifies every payload; {@code reference}: the test side's readers do not. */
    @Param({"both"})
    public String verify;

    private ConcurrentPair pair;
    private int[] cpus;
    private final SideOrder order = new SideOrder();
    /** Each side's counters at the iteration's start: the iteration's figures are what they gained since. */
    private final long[][] atStart = new long[2][ConcurrentPair.Counter.values().length];

    /** Each side's nanoseconds and entries this iteration, the pairs run, and the verification's findings. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Sides {
        public long refNanos;
        public long testNanos;
        public long refEntries;
        public long testEntries;
        public long pairs;
        /** Payloads read that were not the page pushed there, by either side: any is a lost dirty page. */
        public long stalePayloads;
        /** Reset calls that cleared other than the entries harvested before them. */
        public long shortResets;
        public long refStalls;
        public long testStalls;

        @Setup(Level.Iteration)
        public void clear() {
            refNanos = testNanos = refEntries = testEntries = pairs = stalePayloads = shortResets = refStalls = testStalls = 0;
        }
    }

    @Setup(Level.Trial)
    public void createPair() {
        if (!pin.equals("threads") && !pin.equals("none")) {
            throw new IllegalArgumentException("unknown pin '" + pin + "': expected threads or none");
        }
        if (!verify.equals("both") && !verify.equals("reference")) {
            throw new IllegalArgumentException("unknown verify '" + verify + "': expected both or reference");
        }
        if (laps < 1 || vcpus < 1) {
            throw new IllegalArgumentException("laps " + laps + " and vcpus " + vcpus + " must be at least 1");
        }
        if (pin.equals("threads")) {
            NativeRing.unavailable().ifPresent(why -> {
                throw new IllegalStateException("pin=threads pins through the native library: " + why + "; or run with -p pin=none");
            });
        }
        boolean[] verifies = {true, verify.equals("both")};
        int[] placement = Cpus.placement(vcpus, Cpus.allowed());
        cpus = pin.equals("threads") ? placement : null;
        int[] vcpuCpus = cpus == null ? null : java.util.Arrays.copyOfRange(cpus, 1, cpus.length);
        int pinError;
        if (Backend.isNative(backend)) {
            NativeConcurrentPair p = new NativeConcurrentPair(reference, strategy, vcpus, ringSize, pattern, verifies, vcpuCpus);
            pair = p;
            pinError = p.pinError();
        } else {
            // which side is loaded and allocated first is drawn per trial: where each one's data lands must not favour one side
            WorkloadSide[] sides = new WorkloadSide[2];
            for (int s : order.referenceFirst() ? new int[] {0, 1} : new int[] {1, 0}) {
                sides[s] = JvmWorkloadSide.load(s == 0 ? "reference" : "test", s == 0 ? reference : strategy, vcpus, ringSize, pattern,
                        verifies[s]);
            }
            JvmConcurrentPair p = new JvmConcurrentPair(sides[0], sides[1], vcpus, vcpuCpus);
            pair = p;
            pinError = p.pinError();
        }
        if (pinError != 0) {
            throw new IllegalStateException("a vCPU thread could not be pinned to its CPU (errno " + pinError + "): run with -p pin=none");
        }
    }

    /** The collector (this thread) onto its CPU, the vCPUs awake and spinning: the iteration's blocks run back to back. */
    @Setup(Level.Iteration)
    public void wake() {
        if (cpus != null) {
            int e = NativeRing.pinThread(cpus[0]);
            if (e != 0) {
                throw new IllegalStateException("the collector could not be pinned to CPU " + cpus[0] + " (errno " + e + "): run with -p pin=none");
            }
        }
        pair.park(false);
        for (int s = 0; s < 2; s++) {
            for (ConcurrentPair.Counter c : ConcurrentPair.Counter.values()) {
                atStart[s][c.ordinal()] = pair.counter(s, c);
            }
        }
    }

    /** The vCPUs asleep until the next iteration. */
    @TearDown(Level.Iteration)
    public void sleep() {
        pair.park(true);
    }

    @TearDown(Level.Trial)
    public void free() {
        pair.close();
    }

    @Benchmark
    public void pair(Sides t) {
        int entries = laps * ringSize;
        if (order.referenceFirst()) {
            t.refNanos += block(ConcurrentPair.REFERENCE, entries);
            t.testNanos += block(ConcurrentPair.TEST, entries);
        } else {
            t.testNanos += block(ConcurrentPair.TEST, entries);
            t.refNanos += block(ConcurrentPair.REFERENCE, entries);
        }
        t.pairs++;
        // the entries each side's resets counted (a block ends only when they reach its vCPUs' pushes)
        t.refEntries = since(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.RECYCLED);
        t.testEntries = since(ConcurrentPair.TEST, ConcurrentPair.Counter.RECYCLED);
        // the iteration's findings so far, read outside the blocks (counters JMH reads after the last invocation)
        t.stalePayloads = since(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.STALE_PAYLOADS)
                + since(ConcurrentPair.TEST, ConcurrentPair.Counter.STALE_PAYLOADS);
        t.shortResets = since(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.SHORT_RESETS)
                + since(ConcurrentPair.TEST, ConcurrentPair.Counter.SHORT_RESETS);
        t.refStalls = since(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.STALLS);
        t.testStalls = since(ConcurrentPair.TEST, ConcurrentPair.Counter.STALLS);
    }

    /** What a side's counter gained in this iteration. */
    private long since(int side, ConcurrentPair.Counter c) {
        return pair.counter(side, c) - atStart[side][c.ordinal()];
    }

    private long block(int side, int entries) {
        long ns = pair.block(side, entries, BLOCK_LIMIT_NANOS);
        if (ns < 0) {
            throw new IllegalStateException("a block of the " + (side == ConcurrentPair.TEST ? strategy + " side" : "reference")
                    + " did not recycle its " + (long) entries * vcpus + " entries within " + TimeUnit.NANOSECONDS.toSeconds(BLOCK_LIMIT_NANOS)
                    + " s: an entry was lost");
        }
        return ns;
    }
}
