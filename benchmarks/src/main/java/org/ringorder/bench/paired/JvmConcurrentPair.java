package org.ringorder.bench.paired;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.ringorder.jni.NativeRing;

/**
 * The JVM's paired concurrent workload: two sides, each in isolated {@link WorkloadSide} copies, a
 * platform thread per vCPU (pinned to its CPU where asked), the caller the collector. A block's start is a release of
 * {@code go}; each vCPU acknowledges its end in {@code done}. vCPU threads spin between blocks,
 * and park between JMH iterations, where they would only take CPU from the JIT and JMH.
 */
final class JvmConcurrentPair implements ConcurrentPair {
    /** Each side's copies: sides[side][copy]. */
    private final WorkloadSide[][] sides;
    private final Thread[] vcpus;
    private final AtomicIntegerArray done;
    private final AtomicLongArray stalls;
    /** Each side's entries reset, as the collector (the caller of block) counted them. */
    private final long[] recycled = new long[2];
    private final int[] pinErrors;
    private volatile int go;
    private volatile int which;
    private volatile int copy;
    private volatile int entries;
    private volatile boolean parked = true;
    private volatile boolean quit;

    JvmConcurrentPair(WorkloadSide[] reference, WorkloadSide[] test, int vcpuCount, int[] cpus) {
        this.sides = new WorkloadSide[][] {reference, test};
        this.vcpus = new Thread[vcpuCount];
        this.done = new AtomicIntegerArray(vcpuCount);
        this.stalls = new AtomicLongArray(2);
        this.pinErrors = new int[vcpuCount];
        for (int v = 0; v < vcpuCount; v++) {
            int vcpu = v;
            int cpu = cpus == null ? -1 : cpus[v];
            vcpus[v] = new Thread(() -> run(vcpu, cpu), "vcpu-" + v);
            vcpus[v].setDaemon(true);
            vcpus[v].start();
        }
    }

    /** A vCPU thread: pin, then one block per new {@code go}, the side's loop its own compiled code. */
    private void run(int vcpu, int cpu) {
        if (cpu >= 0) {
            pinErrors[vcpu] = NativeRing.pinThread(cpu);
        }
        done.set(vcpu, -1);
        int seen = 0;
        while (true) {
            int g;
            while ((g = go) == seen) {
                if (quit) {
                    return;
                }
                if (parked) {
                    LockSupport.park(this);
                } else {
                    Thread.onSpinWait();
                }
            }
            seen = g;
            int side = which;
            stalls.addAndGet(side, sides[side][copy].vcpuBlock(vcpu, entries));
            done.set(vcpu, g);
        }
    }

    /** Waits until every vCPU thread has pinned itself; the first errno of those that could not, else 0. */
    int pinError() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int v = 0; v < vcpus.length; v++) {
            while (done.get(v) == 0) { // -1 once the thread has pinned itself
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("vCPU thread " + v + " did not start within 10 s");
                }
                Thread.onSpinWait();
            }
            if (pinErrors[v] != 0) {
                return pinErrors[v];
            }
        }
        return 0;
    }

    @Override
    public long block(int side, int copy, int entriesPerVcpu, long limitNanos) {
        which = side;
        entries = entriesPerVcpu;
        this.copy = copy;
        WorkloadSide s = sides[side][copy];
        s.beforeBlock();
        int g = go + 1;
        long start = System.nanoTime();
        go = g;
        long reset = s.collect((long) entriesPerVcpu * vcpus.length, start + limitNanos);
        long end = System.nanoTime();
        if (reset < 0) {
            s.abort();
            return -1;
        }
        recycled[side] += reset;
        for (int v = 0; v < vcpus.length; v++) {
            while (done.get(v) != g) {
                Thread.onSpinWait();
            }
        }
        return end - start;
    }

    @Override
    public void park(boolean park) {
        parked = park;
        if (!park) {
            for (Thread t : vcpus) {
                LockSupport.unpark(t);
            }
        }
    }

    @Override
    public long counter(int side, Counter c) {
        return switch (c) {
            case STALE_PAYLOADS -> sum(sides[side], WorkloadSide::stalePayloads);
            case SHORT_RESETS -> sum(sides[side], WorkloadSide::shortResets);
            case STALLS -> stalls.get(side);
            case RECYCLED -> recycled[side];
            case REAPS -> sum(sides[side], WorkloadSide::reaps);
        };
    }

    private static long sum(WorkloadSide[] copies, ToLongFunction<WorkloadSide> counter) {
        long n = 0;
        for (WorkloadSide s : copies) {
            n += counter.applyAsLong(s);
        }
        return n;
    }

    @Override
    public void close() {
        quit = true;
        for (WorkloadSide[] copies : sides) {
            for (WorkloadSide s : copies) {
                s.abort();
            }
        }
        for (Thread t : vcpus) {
            LockSupport.unpark(t);
        }
    }
}
