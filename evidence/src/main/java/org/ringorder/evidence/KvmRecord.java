package org.ringorder.evidence;

/**
 * One strategy against the kernel's own dirty ring ({@code kvm.json} holds one per strategy): the
 * capabilities the kernel offers, the rates, the reset ioctl's latency, and the checks.
 * {@code violations} counts lost pages, bad payloads and reset mismatches together.
 */
public record KvmRecord(String strategy, String roles, String capability, long capDirtyLogRing, long capDirtyLogRingAcqRel,
                        int vcpus, int ringSize, int dataMiB, String pattern, long reapIntervalMicros, long millis,
                        long harvested, double pagesPerSecond, long resetCalls, double entriesPerReset, long resetMismatches,
                        double resetMeanMicros, double resetP50Micros, double resetP99Micros, double resetP999Micros,
                        long ringFullExits, double ringFullPerSecond, long emptyRingFullExits, long ringOverruns,
                        long guestWrites, double guestWritesPerSecond, long pagesWritten, long lostPages, long outOfRange,
                        long violations) {
}
