package org.ringorder.cli;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.kvm.Kvm;

/**
 * The kvm part: each strategy against the kernel's own ring under a guest of ringorder's own, and
 * in the full profile the ring against the bitmap over the sweep. Left out where /dev/kvm cannot
 * be used.
 */
final class KvmSpec extends RecordSpec<KvmSpec.Settings, KvmRecord> {
    /** @param seconds per strategy; @param sweep whether the ring against the bitmap follows */
    record Settings(double seconds, boolean sweep) {
    }

    public String name() {
        return "kvm";
    }

    public String summary() {
        return "each strategy against the kernel's own ring, under /dev/kvm";
    }

    Settings settings(Plan plan) {
        return Kvm.unavailable().isPresent() ? null : new Settings(plan.profile.settings.kvmSeconds, plan.profile == Profile.full);
    }

    String detail(Settings s, List<String> strategies) {
        return "each strategy against the kernel's own ring, " + s.seconds() + " s, 1 vCPU, ring 4096"
                + (s.sweep() ? "; then the ring against the bitmap over the sweep" : "");
    }

    double estimate(Settings s, List<String> strategies) {
        return strategies.size() * (s.seconds() * 1.25 + 1.5)
                + (s.sweep() ? KvmCommand.SWEEP_REPEAT * KvmCommand.SWEEP_SETTINGS * (strategies.size() + 2) * 3.5 : 0);
    }

    List<KvmRecord> run(Settings s, List<String> strategies, RunContext ctx) {
        List<KvmRecord> rows = new ArrayList<>(KvmCommand.ring(ctx.jvm, ctx.pin, strategies, s.seconds(), ctx.work, ctx.progress::say));
        if (s.sweep()) {
            rows.addAll(KvmCommand.sweep(ctx.jvm, ctx.pin, strategies, ctx.work, ctx.progress::say));
        }
        Run.write(ctx.work, Run.KVM, rows);
        return rows;
    }

    List<String> lines(Settings s, List<KvmRecord> records) {
        return records.stream().map(KvmCommand::verdict).toList();
    }
}
