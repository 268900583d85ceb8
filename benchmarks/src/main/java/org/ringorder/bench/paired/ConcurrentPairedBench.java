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
 * push into their own rings and, whenever one exits with its ring soft-full, a collector on another
 * core harvests every ring and calls the reset (the kernel's dirty_log_test, and QEMU's reap at
 * KVM_EXIT_DIRTY_RING_FULL), so the ring's lines move between cores as in a live migration. At one
 * vCPU the two take turns, as a vCPU out of the guest until the reset does: every line the vCPU
 * wrote moves to the collector's core and back each lap, but they never touch the ring at once;
 * from two vCPUs on, the others push while the collector reaps. Each invocation runs one block of
 * each side, in a random order; a block is every vCPU pushing {@code laps} rings' worth of entries
 * and the collector recycling all of them, timed from its start to its last reset.
 *
 * <p>What is measured: each side's nanoseconds and entries recycled end to end, summed over the
 * iteration as {@code EVENTS} counters, so the ratio of the sides' ns per entry is taken per fork.
 * The primary score (a pair's wall time) means little.
 *
 * <p>Disturbed pairs are left out of both sides' sums, and counted ({@code disturbedPairs}): a pair
 * in which a block ran past its own side's median of the last {@link #RECENT} by more than
 * {@code DISTURBED - 1} times the median of both sides' ({@link RecentBlocks}). On a VM, about one
 * block in a hundred loses 1..7 ms to the host (5..30 times a block); that time lands on one side
 * at random and, summed, moved a fork's ratio by several percent. A delay of a given length leaves
 * a pair out whichever side it lands on; a strategy's own cost, being its side's norm, never does;
 * and a pair is left out whole, so both sides lose the same pairs.
 *
 * <p>Blocks by entries, not by time: both sides do the same work, the hot loops need no stop flag
 * (a shared read the ordering would have to order), and a block ends with its rings empty, so every
 * block of a side starts from the same state. A block takes 0.15..0.5 ms here: short enough that the
 * machine's slow noise is common to both sides of a pair, long enough that the switch (the copy's
 * rings coming back into the caches, for its first lap of eight) is a small, equal share of each.
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

    /**
     * Copies of each side (its VM and rings; on the JVM also its classes, so its code), taking blocks
     * in turn. One copy's speed is partly luck: where its data landed, and on the JVM how its loops
     * were compiled, hold for the whole fork and moved one copy's ns per entry by up to 20% here.
     * Rotating copies averages that luck within each fork instead of leaving it to the forks.
     */
    @Param({"8"})
    public int copies;

    /** A block this many times the recent median (its excess over its side's norm) was disturbed: its pair is left out. */
    static final int DISTURBED = 3;
    /** The blocks of each side whose median is that side's norm. */
    static final int RECENT = 16;

    private ConcurrentPair pair;
    private final RecentBlocks recent = new RecentBlocks(RECENT);
    /** Pairs run in this trial: which copy the next one takes. */
    private long pairsRun;
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
        /** The collector's reaps: a side's entries over these is its mean batch. */
        public long refReaps;
        public long testReaps;
        /** Pairs left out of the sums (a block more than {@link #DISTURBED} times the recent median); {@code pairs} counts them too. */
        public long disturbedPairs;

        @Setup(Level.Iteration)
        public void clear() {
            refNanos = testNanos = refEntries = testEntries = pairs = stalePayloads = shortResets = refStalls = testStalls = 0;
            refReaps = testReaps = disturbedPairs = 0;
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
        if (copies < 1 || copies > Long.SIZE) {
            throw new IllegalArgumentException("copies " + copies + " is not in 1.." + Long.SIZE);
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
        // which side of each copy is allocated (and on the JVM loaded) first is drawn per copy: where each one's data
        // lands must not favour one side
        long testFirst = 0;
        for (int c = 0; c < copies; c++) {
            testFirst |= order.referenceFirst() ? 0 : 1L << c;
        }
        int pinError;
        if (Backend.isNative(backend)) {
            NativeConcurrentPair p = new NativeConcurrentPair(reference, strategy, copies, testFirst, vcpus, ringSize, pattern, verifies,
                    vcpuCpus);
            pair = p;
            pinError = p.pinError();
        } else {
            WorkloadSide[][] sides = new WorkloadSide[2][copies];
            for (int c = 0; c < copies; c++) {
                int first = (testFirst >>> c & 1) != 0 ? ConcurrentPair.TEST : ConcurrentPair.REFERENCE;
                for (int s : new int[] {first, 1 - first}) {
                    sides[s][c] = JvmWorkloadSide.load((s == ConcurrentPair.REFERENCE ? "reference-" : "test-") + c,
                            s == ConcurrentPair.REFERENCE ? reference : strategy, vcpus, ringSize, pattern, verifies[s]);
                }
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
        int copy = (int) (pairsRun++ % copies); // both sides on their copy k in a pair; over a trial every copy alike
        long refBefore = pair.counter(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.RECYCLED);
        long testBefore = pair.counter(ConcurrentPair.TEST, ConcurrentPair.Counter.RECYCLED);
        long refNs;
        long testNs;
        if (order.referenceFirst()) {
            refNs = block(ConcurrentPair.REFERENCE, copy, entries);
            testNs = block(ConcurrentPair.TEST, copy, entries);
        } else {
            testNs = block(ConcurrentPair.TEST, copy, entries);
            refNs = block(ConcurrentPair.REFERENCE, copy, entries);
        }
        t.pairs++;
        if (recent.disturbed(refNs, testNs, DISTURBED)) {
            t.disturbedPairs++;
        } else {
            t.refNanos += refNs;
            t.testNanos += testNs;
            // the entries each side's resets counted in its block (a block ends only when they reach its vCPUs' pushes)
            t.refEntries += pair.counter(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.RECYCLED) - refBefore;
            t.testEntries += pair.counter(ConcurrentPair.TEST, ConcurrentPair.Counter.RECYCLED) - testBefore;
        }
        // the iteration's findings so far, read outside the blocks (counters JMH reads after the last invocation)
        t.stalePayloads = since(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.STALE_PAYLOADS)
                + since(ConcurrentPair.TEST, ConcurrentPair.Counter.STALE_PAYLOADS);
        t.shortResets = since(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.SHORT_RESETS)
                + since(ConcurrentPair.TEST, ConcurrentPair.Counter.SHORT_RESETS);
        t.refStalls = since(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.STALLS);
        t.testStalls = since(ConcurrentPair.TEST, ConcurrentPair.Counter.STALLS);
        t.refReaps = since(ConcurrentPair.REFERENCE, ConcurrentPair.Counter.REAPS);
        t.testReaps = since(ConcurrentPair.TEST, ConcurrentPair.Counter.REAPS);
    }

    /** What a side's counter gained in this iteration. */
    private long since(int side, ConcurrentPair.Counter c) {
        return pair.counter(side, c) - atStart[side][c.ordinal()];
    }

    private long block(int side, int copy, int entries) {
        long ns = pair.block(side, copy, entries, BLOCK_LIMIT_NANOS);
        if (ns < 0) {
            throw new IllegalStateException("a block of the " + (side == ConcurrentPair.TEST ? strategy + " side" : "reference")
                    + " did not recycle its " + (long) entries * vcpus + " entries within " + TimeUnit.NANOSECONDS.toSeconds(BLOCK_LIMIT_NANOS)
                    + " s: an entry was lost");
        }
        return ns;
    }
}
