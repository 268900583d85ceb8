package org.ringorder.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Control;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.ringorder.ring.Collector;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.ring.DoorbellAudit;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.Reaper;
import org.ringorder.ring.SlotBitmap;
import org.ringorder.strategy.AcquireLoad;
import org.ringorder.strategy.Plain;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;
import org.ringorder.strategy.UserspaceSide;

/**
 * The end-to-end picture: vCPU threads pushing dirty pages into their own rings, a collector
 * harvesting every ring and marking RESET, and the reset, all at once on shared rings, as in a
 * live migration. What a strategy costs here includes the coherence traffic between the roles.
 *
 * <p>Two groups, one per placement of the reset: {@code collector} (QEMU's way: harvest all,
 * then reset, on one thread) and {@code thread} (the reset on its own thread, woken by the
 * doorbell the collector rings: the seed thread's cross-CPU case). The vCPU count is the last
 * {@code -tg} number of a run ({@code -tg 1,V} for collector, {@code -tg 1,1,V} for thread: JMH
 * orders a group's methods by name and fixes {@code @GroupThreads} at compile time). Rates ({@link Rates}) and violations ({@link Violations}) are
 * secondary metrics; the primary score mixes every method's invocations and means little.
 * Every reader verifies every payload it reads (the page pushed at that ring, index and lap):
 * a stale payload or a short reset is counted as a violation, never as speed.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RingWorkloadBench {
    /**
     * JMH's default, for a run without the CLI: the CLI always passes {@code -p strategy=} from
     * {@code Strategies.NAMES}, so a new strategy needs no edit here (BenchmarkParamsTest checks
     * these names against {@code Strategies} by name; annotation values must be constants).
     */
    @Param({"plain", "opaque", "volatile", "acquire-load", "full-fence", "batched-fence"})
    public String strategy;

    @Param({"4096"})
    public int ringSize;

    @Param({"all"})
    public String roles;

    @Param({"sequential"})
    public String pattern;

    /** The doorbell's ordering: the strategy's own publish/observe modes, plain, or release/acquire. */
    @Param({"strategy"})
    public String doorbell;

    /**
     * Record latency histograms (reset-call duration, sampled dirty-to-reset latency). Off for
     * throughput: a System.nanoTime costs about 25 ns here, more than the ordering under test.
     */
    @Param({"false"})
    public boolean latency;

    /** Each ring's three indices on lines of their own (true), or side by side in one line (false). */
    @Param({"true"})
    public boolean padding;

    /** Sample one push in this many for the dirty-to-reset latency (a power of two). */
    static final int SAMPLE_EVERY = 64;

    DirtyRingVm vm;
    DirtyRing[] rings;
    Reaper reaper;
    OffsetPattern offsets;
    final AtomicInteger nextRing = new AtomicInteger();
    /** When each sampled entry was pushed, per ring (latency runs only). */
    long[][] pushedAt;
    int vcpus;

    @Setup(Level.Trial)
    public void createVm(BenchmarkParams params) {
        offsets = OffsetPattern.byName(pattern);
        ResetStrategy s = Strategies.byName(strategy);
        vcpus = vcpuThreads(params);
        pushedAt = latency ? new long[vcpus][ringSize] : null;
        vm = new DirtyRingVm(vcpus, ringSize, DirtyRing.RSVD_ENTRIES, "heap", Roles.byName(roles).kernel(s), offsets, padding);
        rings = vm.rings();
        reaper = new Reaper(s, new SlotBitmap(1, OffsetPattern.NPAGES), doorbellOrdering(doorbell, s));
    }

    static UserspaceSide doorbellOrdering(String name, ResetStrategy s) {
        switch (name) {
            case "strategy":
                return s;
            case "plain":
                return new Plain();
            case "release-acquire":
                return new AcquireLoad();
            default:
                throw new IllegalArgumentException("unknown doorbell '" + name + "': expected one of strategy, plain, release-acquire");
        }
    }

    /** The number of vCPU threads in this run's group: the {@code -tg} entry of the method named *Vcpu. */
    static int vcpuThreads(BenchmarkParams params) {
        List<String> labels = List.copyOf(params.getThreadGroupLabels());
        int[] groups = params.getThreadGroups();
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).endsWith("Vcpu")) {
                return DirtyRingVm.checkVcpus(groups[i]);
            }
        }
        throw new IllegalStateException("no vCPU method among " + labels);
    }

    /** One vCPU thread: the ring it owns. */
    @State(Scope.Thread)
    public static class Vcpu {
        int ring = -1;
        DirtyRing own;

        @Setup(Level.Trial)
        public void claim(RingWorkloadBench g) {
            ring = g.nextRing.getAndIncrement();
            if (ring >= g.rings.length) {
                throw new IllegalStateException("more vCPU threads than rings");
            }
            own = g.rings[ring];
        }
    }

    /** The reset thread's own check of the doorbell's promise. */
    @State(Scope.Thread)
    public static class ResetSide {
        final DoorbellAudit audit = new DoorbellAudit();
    }

    /** Per-second rates, summed over the group's threads (JMH pads each thread's instance). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** Entries reset (and so free for the vCPU again). */
        public long recycled;
        /** Times a vCPU found its ring soft-full and had to "exit" until the reset made room. */
        public long stalls;
        /** Reset calls that cleared at least one entry. */
        public long resetCalls;

        @Setup(Level.Iteration)
        public void clear() {
            recycled = 0;
            stalls = 0;
            resetCalls = 0;
        }
    }

    /** Counts, not rates: any of these is a lost or corrupted dirty page. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Violations {
        /** Payloads read by the collector or the reset that were not the page pushed there. */
        public long stalePayloads;
        /** Reset calls that cleared less than the doorbell (or the harvest) promised. */
        public long shortResets;

        @Setup(Level.Iteration)
        public void clear() {
            stalePayloads = 0;
            shortResets = 0;
        }
    }

    private void push(Vcpu v, Rates r, Control control) {
        DirtyRing ring = v.own;
        if (ring.softFull()) {
            r.stalls++;
            while (ring.softFull() && !control.stopMeasurement) {
                Thread.onSpinWait();
            }
            return;
        }
        int index = ring.dirtyIndex().get();
        if (latency && (index & (SAMPLE_EVERY - 1)) == 0) {
            pushedAt[v.ring][index & (ringSize - 1)] = System.nanoTime();
        }
        ring.push(offsets.slot(v.ring), offsets.offset(v.ring, index));
    }

    /**
     * The thread that calls the reset: QEMU's reap-and-reset ({@link Collector}, placement
     * collector) and, in latency runs, its thread-confined histograms.
     */
    @State(Scope.Thread)
    public static class Recorder {
        LatencyLog log;
        int[] before;
        Collector collector;

        @Setup(Level.Trial)
        public void open(RingWorkloadBench g, BenchmarkParams params) {
            collector = new Collector(g.reaper, g.rings, () -> g.reset(this));
            if (g.latency) {
                Map<String, String> name = new LinkedHashMap<>();
                for (String k : List.of("strategy", "ringSize", "roles", "pattern", "doorbell")) {
                    name.put(k, params.getParam(k));
                }
                name.put("vcpus", String.valueOf(g.vcpus));
                String bench = params.getBenchmark();
                log = new LatencyLog(bench.substring(bench.lastIndexOf('.') + 1), name);
                before = new int[g.vcpus];
            }
        }

        @TearDown(Level.Iteration)
        public void endIteration(IterationParams iteration) {
            if (log != null) {
                log.endIteration(iteration.getType() == IterationType.MEASUREMENT);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            if (log != null) {
                log.close();
            }
        }
    }

    /** The reset ioctl; in latency runs, timed, and the sampled entries it reset measured from their push. */
    int reset(Recorder rec) {
        if (!latency) {
            return vm.resetDirtyRings();
        }
        for (int v = 0; v < rings.length; v++) {
            rec.before[v] = rings[v].resetIndex().get();
        }
        long start = System.nanoTime();
        int n = vm.resetDirtyRings();
        long end = System.nanoTime();
        rec.log.resetCall.recordValue(end - start);
        for (int v = 0; v < rings.length; v++) {
            int after = rings[v].resetIndex().get();
            for (int i = (rec.before[v] + SAMPLE_EVERY - 1) & -SAMPLE_EVERY; i - after < 0; i += SAMPLE_EVERY) {
                long waited = end - pushedAt[v][i & (ringSize - 1)];
                if (waited > 0 && waited < 60_000_000_000L) {
                    rec.log.dirtyToReset.recordValue(waited);
                }
            }
        }
        return n;
    }

    private long staleSoFar;

    /** Stale payloads seen since the last call, by the collector and the reset together (called by one thread). */
    private long newStale() {
        long all = reaper.stale() + vm.stale();
        long fresh = all - staleSoFar;
        staleSoFar = all;
        return fresh;
    }

    // --- placement "collector": QEMU's reaper harvests every ring, then calls the reset itself.

    @Benchmark
    @Group("collector")
    @GroupThreads(1)
    public void collectorVcpu(Vcpu v, Rates r, Control control) {
        push(v, r, control);
    }

    @Benchmark
    @Group("collector")
    @GroupThreads(1)
    public void collectorReaper(Rates r, Violations bad, Recorder rec) {
        Collector c = rec.collector;
        long calls = c.resetCalls();
        long mismatches = c.mismatches();
        int reset = c.reapAndReset();
        if (c.resetCalls() == calls) {
            Thread.onSpinWait(); // nothing was DIRTY
            return;
        }
        r.recycled += reset;
        r.resetCalls++;
        bad.shortResets += c.mismatches() - mismatches; // QEMU asserts ret == total
        bad.stalePayloads += newStale();
    }

    // --- placement "thread": the reset on its own thread, woken by the doorbell.

    @Benchmark
    @Group("thread")
    @GroupThreads(1)
    public void threadVcpu(Vcpu v, Rates r, Control control) {
        push(v, r, control);
    }

    @Benchmark
    @Group("thread")
    @GroupThreads(1)
    public void threadCollector() {
        if (reaper.reapAll(rings) == 0) {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("thread")
    @GroupThreads(1)
    public void threadReset(ResetSide side, Rates r, Violations bad, Recorder rec) {
        int bell = reaper.observeDoorbell();
        if (!side.audit.rang(bell)) {
            Thread.onSpinWait();
            return;
        }
        int reset = reset(rec);
        long shorts = side.audit.shortResets();
        side.audit.afterReset(bell, reset);
        if (reset != 0) {
            r.recycled += reset;
            r.resetCalls++;
        }
        bad.shortResets += side.audit.shortResets() - shorts;
        bad.stalePayloads += newStale();
    }
}
