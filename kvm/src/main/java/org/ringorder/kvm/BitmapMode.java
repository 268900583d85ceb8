package org.ringorder.kvm;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.strategy.Flag;

/**
 * The dirty bitmap's three ways, as QEMU chooses among them: with KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2
 * a get only copies the bitmap and KVM_CLEAR_DIRTY_LOG re-protects chunk by chunk; with
 * KVM_DIRTY_LOG_INITIALLY_SET too, logging starts with every bit set and nothing write-protected
 * (the first clear protects); without manual protect a get copies, clears and re-protects the whole slot.
 */
public enum BitmapMode implements Flag {
    MANUAL_PROTECT("manual-protect", Kvm.Tracking.BITMAP_MANUAL,
            "KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG (KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2)"),
    MANUAL_PROTECT_INITIALLY_SET("manual-protect+initially-set", Kvm.Tracking.BITMAP_MANUAL_INITIALLY_SET,
            "KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG (KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2, KVM_DIRTY_LOG_INITIALLY_SET)"),
    GET_ONLY("get-only", Kvm.Tracking.BITMAP, "KVM_GET_DIRTY_LOG (no manual protect in this kernel: the get clears and re-protects)");

    private final String flag;
    final Kvm.Tracking tracking;
    private final String capability;

    BitmapMode(String flag, Kvm.Tracking tracking, String capability) {
        this.flag = flag;
        this.tracking = tracking;
        this.capability = capability;
    }

    @Override
    public String flag() {
        return flag;
    }

    public String capability() {
        return capability;
    }

    boolean manual() {
        return this != GET_ONLY;
    }

    /**
     * The modes this kernel offers, given KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2's flags: both manual
     * modes where it has them, the plain get alone where it has none.
     */
    public static List<BitmapMode> offered(long manualProtectFlags) {
        List<BitmapMode> modes = new ArrayList<>();
        if (manualProtectFlags > 0 && (manualProtectFlags & Kvm.MANUAL_PROTECT_ENABLE) != 0) {
            modes.add(MANUAL_PROTECT);
            if ((manualProtectFlags & Kvm.INITIALLY_SET) != 0) {
                modes.add(MANUAL_PROTECT_INITIALLY_SET);
            }
        } else {
            modes.add(GET_ONLY);
        }
        return modes;
    }

    public static BitmapMode byName(String name) {
        return Flag.byFlag(BitmapMode.class, name, "bitmap mode");
    }
}
