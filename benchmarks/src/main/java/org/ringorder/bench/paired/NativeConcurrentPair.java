package org.ringorder.bench.paired;

import org.ringorder.jni.NativeRing;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.OffsetPattern;

/**
 * The native backend's paired concurrent workload: the same roles in C ({@code workload.h}), the
 * vCPUs pthreads of the library's own, the collector the caller, each side its strategy's C kernels
 * (plain's twin for the null pair's second side) over copies of its VM and rings. One JNI call per block.
 */
final class NativeConcurrentPair implements ConcurrentPair {
    private final long workload;

    /** {@code testFirst}: bit k set where copy k's test side is allocated before its reference. */
    NativeConcurrentPair(String reference, String test, int copies, long testFirst, int vcpus, int ringSize, String pattern, boolean[] verify,
                         int[] cpus) {
        NativeRing.require();
        if (test.equals(reference) && !reference.equals("plain")) {
            throw new IllegalArgumentException("the native null pair is plain against plain's twin: reference " + reference + " has none");
        }
        int testId = test.equals(reference) ? NativeRing.strategyId(NativeRing.PLAIN_TWIN) : NativeRing.strategyId(test);
        workload = NativeRing.workloadCreate(NativeRing.strategyId(reference), testId, copies, testFirst, vcpus, DirtyRing.checkSize(ringSize),
                DirtyRing.RSVD_ENTRIES, OffsetPattern.byName(pattern).ordinal(), (verify[REFERENCE] ? 1 : 0) | (verify[TEST] ? 2 : 0),
                cpus);
        if (workload == 0) {
            throw new OutOfMemoryError("the native concurrent workload could not be allocated");
        }
    }

    /** The first vCPU thread's errno from pinning itself, 0 when all are pinned. */
    int pinError() {
        return NativeRing.workloadPinError(workload);
    }

    @Override
    public long block(int side, int copy, int entriesPerVcpu, long limitNanos) {
        return NativeRing.workloadBlock(workload, side, copy, entriesPerVcpu, limitNanos);
    }

    @Override
    public void park(boolean park) {
        NativeRing.workloadPark(workload, park);
    }

    @Override
    public long counter(int side, Counter c) {
        return NativeRing.workloadCounter(workload, side, c.ordinal());
    }

    @Override
    public void close() {
        NativeRing.workloadDestroy(workload);
    }
}
