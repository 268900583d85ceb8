package org.ringorder.jni;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The CPUs a paired concurrent measurement may give its threads, one each: a ratio taken while a
 * thread waits for a CPU measures the scheduler, not the ordering, so more threads than CPUs are
 * refused in one line, here, for the run's plan and for the benchmark alike.
 */
public final class Cpus {
    private Cpus() {
    }

    /** The CPUs this process may run on: the kernel's affinity mask where the library loads, else 0..n-1. */
    public static int[] allowed() {
        int[] mask = NativeRing.unavailable().isEmpty() ? NativeRing.allowedCpus() : null;
        return mask != null && mask.length > 0 ? mask : IntStream.range(0, Runtime.getRuntime().availableProcessors()).toArray();
    }

    /** The most vCPU threads the concurrent workload can run beside its collector on {@code cpus} CPUs. */
    public static int maxVcpus(int cpus) {
        return Math.max(0, cpus - 1);
    }

    /**
     * One CPU per thread of the concurrent workload, the collector first: {@code cpus[0]} is the
     * collector's, {@code cpus[1 + v]} vCPU v's. Refuses, naming the fix, where they would not fit.
     */
    public static int[] placement(int vcpus, int[] allowed) {
        if (vcpus + 1 > allowed.length) {
            throw new IllegalArgumentException(refusal(vcpus, allowed.length));
        }
        return Arrays.copyOf(allowed, vcpus + 1);
    }

    /** The one line that refuses {@code vcpus} vCPU threads on {@code cpus} CPUs. */
    public static String refusal(int vcpus, int cpus) {
        return "--vcpus " + vcpus + " oversubscribes the concurrent workload: its " + vcpus + " vCPU thread" + (vcpus == 1 ? "" : "s")
                + " and the collector need " + (vcpus + 1) + " CPUs of their own, this process may run on " + cpus
                + (maxVcpus(cpus) > 0 ? ": use --vcpus " + maxVcpus(cpus) + " or fewer" : ": give it 2 CPUs or more")
                + " (threads waiting for a CPU would measure the scheduler, not the ordering)";
    }
}
