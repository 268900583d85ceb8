package org.ringorder.bench.paired;

/**
 * One side of the paired concurrent workload on the JVM: a VM of rings under one strategy, whose
 * vCPU and collector loops are this side's own compiled code ({@link JvmWorkloadSide}, loaded by an
 * {@link IsolatingLoader} of its own). The threads that run them belong to {@link JvmConcurrentPair}.
 */
public interface WorkloadSide {
    /**
     * vCPU {@code vcpu}'s part of a block: {@code entries} pushes into its ring; whenever the ring
     * is soft-full it exits (the collector's cue) and waits for the reset, and after its last push
     * it exits once more. Returns the soft-full exits.
     */
    long vcpuBlock(int vcpu, int entries);

    /** The collector's baseline, taken before a block starts (no vCPU of this side runs then): every vCPU's exits so far. */
    void beforeBlock();

    /**
     * The collector's part: at each vCPU exit, harvest every ring and reset them, until
     * {@code entries} have been reset. Returns them, or -1 when {@code deadlineNanos}
     * (System.nanoTime) passed first.
     */
    long collect(long entries, long deadlineNanos);

    /** The collector's reaps so far (its mean batch is the entries recycled over these). */
    long reaps();

    /** Payloads the harvest or the reset read that were not the page pushed there. */
    long stalePayloads();

    /** Reset calls that cleared other than the entries harvested before them. */
    long shortResets();

    /** Stops every vCPU waiting on a full ring (a failed block must not leave threads spinning). */
    void abort();
}
