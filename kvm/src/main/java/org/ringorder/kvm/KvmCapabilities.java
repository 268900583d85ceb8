package org.ringorder.kvm;

import java.util.List;

/**
 * What /dev/kvm's KVM_CHECK_EXTENSION says about dirty tracking ({@link Kvm#probe}): the most ring
 * bytes with KVM_CAP_DIRTY_LOG_RING (TSO) and with KVM_CAP_DIRTY_LOG_RING_ACQ_REL (0: not
 * offered), KVM_CAP_DIRTY_LOG_RING_WITH_BITMAP (1 when offered), and KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2's
 * flags ({@link Kvm#MANUAL_PROTECT_ENABLE}, {@link Kvm#INITIALLY_SET}). Where KVM is unusable each
 * holds -errno.
 */
public record KvmCapabilities(long dirtyLogRing, long dirtyLogRingAcqRel, long dirtyLogRingWithBitmap, long manualDirtyLogProtect2) {
    /** Why /dev/kvm could not be asked (ENOENT, EACCES, ...), or 0. */
    public long errno() {
        return dirtyLogRing < 0 ? -dirtyLogRing : 0;
    }

    /** Either ring capability is offered. */
    public boolean offersRing() {
        return dirtyLogRing > 0 || dirtyLogRingAcqRel > 0;
    }

    /** The ring is enabled with ACQ_REL wherever the kernel offers it (arm64 offers nothing else). */
    public boolean acqRel() {
        return dirtyLogRingAcqRel > 0;
    }

    /** The capability the ring is enabled with. */
    public String ringCapability() {
        return acqRel() ? "KVM_CAP_DIRTY_LOG_RING_ACQ_REL" : "KVM_CAP_DIRTY_LOG_RING";
    }

    /** The ring's tracking, as {@link #ringCapability} says. */
    Kvm.Tracking ringTracking() {
        return acqRel() ? Kvm.Tracking.RING_ACQ_REL : Kvm.Tracking.RING_TSO;
    }

    /** The most bytes a ring may have under {@link #ringCapability}. */
    public long maxRingBytes() {
        return acqRel() ? dirtyLogRingAcqRel : dirtyLogRing;
    }

    /** The bitmap's modes this kernel offers. */
    public List<BitmapMode> bitmapModes() {
        return BitmapMode.offered(manualDirtyLogProtect2);
    }
}
