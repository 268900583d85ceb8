package org.ringorder.evidence;

/**
 * One strategy against the kernel's own dirty ring ({@code kvm.json} holds one per strategy): the
 * capabilities the kernel offers, the rates, the reset ioctl's latency, and the checks.
 * {@code violations} counts lost pages, bad payloads and reset mismatches together.
 *
 * <p>Since results-format 2 also: the guest's architecture and the host's page size; whether the
 * kernel offers {@code KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP} and why it is not enabled; and the
 * emulator, when the run was emulated (its rates are then no measurement). Older records read
 * these as null.
 */
public record KvmRecord(String strategy, String roles, String capability, long capDirtyLogRing, long capDirtyLogRingAcqRel,
                        int vcpus, int ringSize, int dataMiB, String pattern, long reapIntervalMicros, long millis,
                        long harvested, double pagesPerSecond, long resetCalls, double entriesPerReset, long resetMismatches,
                        double resetMeanMicros, double resetP50Micros, double resetP99Micros, double resetP999Micros,
                        long ringFullExits, double ringFullPerSecond, long emptyRingFullExits, long ringOverruns,
                        long guestWrites, double guestWritesPerSecond, long pagesWritten, long lostPages, long outOfRange,
                        long violations, String arch, Long pageSize, Long capDirtyLogRingWithBitmap, String withBitmap,
                        String emulated) {
    /** Why the VM never enables KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP, for kvm.json. */
    public static final String WITH_BITMAP_NOT_ENABLED = "not enabled: the bitmap is for memory dirtied with no vCPU running "
            + "(arm64's vgic ITS saving its tables); ringorder's VM has no vGIC, no ITS, no device";
}
