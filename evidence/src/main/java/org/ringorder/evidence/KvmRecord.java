package org.ringorder.evidence;

/**
 * One line (a ring strategy, or a bitmap mode) against the kernel's own dirty tracking, at one
 * workload and repetition ({@code kvm.json} holds one per line, workload and process): what the
 * kernel offers, what the guest did, what collecting it cost, and the checks. {@code violations}
 * counts lost pages, bad payloads and reset mismatches together; {@code lostPages} the pages
 * written and never reported.
 *
 * <p>A bitmap row has no strategy, no {@link Ring} and no {@link ResetTiming} (null). Fields an
 * older ringorder did not write read as null: the host's {@code arch} and {@code pageSize},
 * {@code emulated} (the emulator, when the run was emulated: its rates are then no measurement),
 * {@code repetition}, {@code broken} (a test-only wrong order), the {@link Collection} and the
 * {@link Migration}. kvm.json written before these groups existed (one flat object per row) still
 * loads: {@link KvmFlatRecord} maps it.
 */
public record KvmRecord(String mechanism, String strategy, String bitmapMode, String roles, String capability, String arch,
                        Long pageSize, String emulated, Integer repetition, String broken, long millis, long lostPages,
                        long violations, Capabilities capabilities, Workload workload, Ring ring, ResetTiming resetTiming,
                        Guest guest, Collection collection, Migration migration) {
    public static final String RING = "ring";
    public static final String BITMAP = "bitmap";

    /** Why the VM never enables KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP, for kvm.json. */
    public static final String WITH_BITMAP_NOT_ENABLED = "not enabled: the bitmap is for memory dirtied with no vCPU running "
            + "(arm64's vgic ITS saving its tables); ringorder's VM has no vGIC, no ITS, no device";

    /**
     * What this kernel's KVM_CHECK_EXTENSION says: the most ring bytes with KVM_CAP_DIRTY_LOG_RING
     * (TSO) and with _ACQ_REL (0: not offered), whether it offers _WITH_BITMAP and why the VM does
     * not enable it, and KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2's flags. Null where an older record lacks it.
     */
    public record Capabilities(long capDirtyLogRing, long capDirtyLogRingAcqRel, Long capDirtyLogRingWithBitmap, String withBitmap,
                               Long capManualDirtyLogProtect2) {
    }

    /**
     * What the guest did and how it was collected: {@code vcpus}, {@code ringSize} entries per
     * vCPU's ring, {@code dirtyMiB} written of the {@code dataMiB} slot in the write
     * {@code pattern}, {@code writesPerExit} between exits each held to a tick of
     * {@code exitIntervalMicros} (0: flat out); the collector's sleep between cycles and the
     * bitmap's clear span. Null where an older record lacks it.
     */
    public record Workload(int vcpus, int ringSize, int dataMiB, Integer dirtyMiB, String pattern, long reapIntervalMicros,
                           Integer writesPerExit, Long exitIntervalMicros, Long clearChunkPages) {
        /** The workload as one key: rows with equal keys compare. */
        public String key() {
            return vcpus + "x" + dataMiB + "/" + dirtyMiB + "/" + writesPerExit + "/" + exitIntervalMicros + "/" + pattern + "/" + ringSize
                    + "/" + reapIntervalMicros;
        }
    }

    /**
     * The ring's own figures: entries harvested (and per second), KVM_RESET_DIRTY_RINGS calls,
     * entries per call and the calls whose return differed from the harvest; ring-full exits (per
     * second, and those with nothing DIRTY to harvest), passes that found a whole ring DIRTY (the
     * kernel overran its soft limit), and entries whose offset was outside the slot.
     */
    public record Ring(long harvested, double pagesPerSecond, long resetCalls, double entriesPerReset, long resetMismatches,
                       long ringFullExits, double ringFullPerSecond, long emptyRingFullExits, long ringOverruns, long outOfRange) {
    }

    /** The KVM_RESET_DIRTY_RINGS ioctl's latency in microseconds. */
    public record ResetTiming(double meanMicros, double p50Micros, double p99Micros, double p999Micros) {
    }

    /** The tracked guest's writes (and per second) and the distinct pages it wrote. */
    public record Guest(long writes, double writesPerSecond, long pagesWritten) {
    }

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
    public boolean isRing() {
        return mechanism == null || mechanism.equals(RING);
    }

    /** What a chart's line or a table's row calls it: e.g. {@code ring acquire-load}, {@code bitmap manual-protect}. */
    public String line() {
        return isRing() ? RING + " " + strategy : BITMAP + " " + bitmapMode;
    }

    /** The run's workload apart from the line and the repetition: rows with equal settings compare. */
    public String setting() {
        return workload.key();
    }
}
