package org.ringorder.evidence;

import java.util.Optional;

/**
 * The KVM capability rule for a run with a kvm part: which dirty-ring capabilities its kernel
 * offers, and what that asks of userspace's ordering.
 */
public final class KvmCapabilityRule {
    private KvmCapabilityRule() {
    }

    /** The rule in words for {@code run}'s kernel; empty without a kvm part. */
    public static Optional<String> of(Run run) {
        if (run.kvm().isEmpty()) {
            return Optional.empty();
        }
        KvmRecord r = run.kvm().get(0);
        boolean tso = r.capabilities().capDirtyLogRing() > 0;
        boolean acqRel = r.capabilities().capDirtyLogRingAcqRel() > 0;
        String offers = tso && acqRel ? "KVM_CAP_DIRTY_LOG_RING and KVM_CAP_DIRTY_LOG_RING_ACQ_REL"
                : acqRel ? "only KVM_CAP_DIRTY_LOG_RING_ACQ_REL" : "only KVM_CAP_DIRTY_LOG_RING";
        return Optional.of(run.label() + ": the kernel offers " + offers + " (one kernel path: the capability is a contract "
                + "about userspace's ordering, not a mechanism). " + (acqRel && !tso
                ? "Userspace must use an ordered strategy (" + Pick.CLAIMED + " or stronger)."
                : "Where a kernel offers only the ACQ_REL capability (arm64, RISC-V, LoongArch) userspace must use an ordered "
                + "strategy; the TSO capability tolerates plain flag accesses only in C compiled as the kernel expects, "
                + "never in Java, whose JIT may reorder plain accesses (the litmus tests saw it)."));
    }
}
