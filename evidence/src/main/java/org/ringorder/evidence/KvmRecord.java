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
 *
 * <p>Since the mechanisms comparison also: the {@code mechanism} ({@code ring}, or {@code bitmap}
 * with its {@code bitmapMode}; older records are the ring), the dirty working set and rate, the
 * repetition (each process's record is kept), the {@link Collection} costs and the
 * {@link Migration} check. A bitmap row has no strategy (null) and 0 in the ring's own fields
 * (harvested, resets, ring-full exits). {@code broken} names a test-only wrong order, else null.
 */
public record KvmRecord(String strategy, String roles, String capability, long capDirtyLogRing, long capDirtyLogRingAcqRel,
                        int vcpus, int ringSize, int dataMiB, String pattern, long reapIntervalMicros, long millis,
                        long harvested, double pagesPerSecond, long resetCalls, double entriesPerReset, long resetMismatches,
                        double resetMeanMicros, double resetP50Micros, double resetP99Micros, double resetP999Micros,
                        long ringFullExits, double ringFullPerSecond, long emptyRingFullExits, long ringOverruns,
                        long guestWrites, double guestWritesPerSecond, long pagesWritten, long lostPages, long outOfRange,
                        long violations, String arch, Long pageSize, Long capDirtyLogRingWithBitmap, String withBitmap,
                        String emulated, String mechanism, String bitmapMode, Long capManualDirtyLogProtect2, Integer dirtyMiB,
                        Integer writesPerExit, Long exitIntervalMicros, Long clearChunkPages, Integer repetition, String broken,
                        Collection collection, Migration migration) {
    public static final String RING = "ring";
    public static final String BITMAP = "bitmap";

    /**
     * A mechanism's collection cost over the cycles after the first that found pages: CPU time
     * (user + kernel, so the ioctls' kernel work is in it) per page collected, the tracking ioctls'
     * wall time per page, the cycle's latency (harvest + reset, or get + clears; the copy is not in
     * it), and the guest's KVM_RUN CPU time per write against the same guest with no tracking.
     */
    public record Collection(long cycles, long pagesCollected, double cpuNanosPerPage, long ioctls, double ioctlNanosPerPage,
                             double cycleP50Micros, double cycleP99Micros, double cycleP999Micros, double cycleMaxMicros,
                             double targetWritesPerSecond, double guestNanosPerWrite, double baselineGuestNanosPerWrite) {
        /** The guest's slowdown under tracking: tracked ns per write over untracked, less one. */
        public double slowdown() {
            return guestNanosPerWrite / baselineGuestNanosPerWrite - 1;
        }
    }

    /**
     * The migration-style check: every page a cycle reported was copied after its re-arm; at the end
     * each page's content must equal its last copy. {@code differences} counts those that do not
     * (lost writes, including pages never reported); {@code resent} the copies of pages sent before.
     */
    public record Migration(long copies, long resent, long differences, long neverSent) {
    }

    /** The ring (also every record written before the bitmap existed), or the bitmap. */
    public boolean ring() {
        return mechanism == null || mechanism.equals(RING);
    }

    /** What a chart's line or a table's row calls it: e.g. {@code ring acquire-load}, {@code bitmap manual-protect}. */
    public String line() {
        return ring() ? RING + " " + strategy : BITMAP + " " + bitmapMode;
    }

    /** The run's setting apart from the line and the repetition: rows with equal settings compare. */
    public String setting() {
        return vcpus + "x" + dataMiB + "/" + dirtyMiB + "/" + writesPerExit + "/" + exitIntervalMicros + "/" + pattern + "/" + ringSize
                + "/" + reapIntervalMicros;
    }
    /** Why the VM never enables KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP, for kvm.json. */
    public static final String WITH_BITMAP_NOT_ENABLED = "not enabled: the bitmap is for memory dirtied with no vCPU running "
            + "(arm64's vgic ITS saving its tables); ringorder's VM has no vGIC, no ITS, no device";
}
