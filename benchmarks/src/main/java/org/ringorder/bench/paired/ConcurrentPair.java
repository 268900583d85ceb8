package org.ringorder.bench.paired;

/**
 * Two sides of the concurrent workload (0 the reference, 1 the test), each in copies of its own,
 * and the threads that run them: a vCPU thread per ring, and the caller of {@link #block} as the
 * collector. A block is one copy of one side: every vCPU pushes its entries, the collector recycles
 * them all; the rest are idle meanwhile, so the two sides never run at once.
 */
interface ConcurrentPair extends AutoCloseable {
    int REFERENCE = 0;
    int TEST = 1;

    /**
     * One block of {@code side} on its copy {@code copy}: nanoseconds from the block's start to its
     * last reset, or -1 when it ran past {@code limitNanos}.
     */
    long block(int side, int copy, int entriesPerVcpu, long limitNanos);

    /** The vCPU threads asleep between JMH iterations ({@code true}) or spinning, ready for blocks. */
    void park(boolean park);

    /** What a side counts from its start, over its copies (in this order: the native library's workloadCounter takes the ordinal). */
    enum Counter {
        /** Payloads the harvest or the reset read that were not the page pushed there. */
        STALE_PAYLOADS,
        /** Reset calls that cleared other than the entries harvested before them. */
        SHORT_RESETS,
        /** Times a vCPU found its ring soft-full and waited for the reset. */
        STALLS,
        /** Entries the side's resets cleared. */
        RECYCLED,
        /**
         * The collector's reaps (every ring harvested, then reset) that reset entries: one per vCPU exit it saw, or one
         * for several seen at once. RECYCLED over REAPS is its mean batch.
         */
        REAPS
    }

    long counter(int side, Counter c);

    @Override
    void close();
}
