package org.ringorder.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.kvm.Kvm;

/**
 * The kvm part: each strategy against the kernel's own ring under a guest of ringorder's own, and
 * in the full profile the ring against the bitmap over the sweep. Left out where /dev/kvm cannot
 * be used.
 */
public final class KvmSpec extends RecordSpec<KvmSpec.Settings, KvmRecord> {
    /** @param seconds per strategy; @param sweep whether the ring against the bitmap follows */
    public record Settings(double seconds, boolean sweep) {
    }

    public String name() {
        return "kvm";
    }

    public String summary() {
        return "each strategy against the kernel's own ring, under /dev/kvm";
    }

    public Settings settings(Plan plan) {
        return Kvm.unavailable().isPresent() ? null : new Settings(plan.profile.settings.kvmSeconds, plan.profile == Profile.full);
    }

    public String detail(Settings s, List<String> strategies) {
        return "each strategy against the kernel's own ring, " + s.seconds() + " s, " + KvmSettings.VCPUS + " vCPU, ring "
                + KvmSettings.RING_SIZE
                + (s.sweep() ? "; then the ring against the bitmap over the sweep" : "");
    }

    public double estimate(Settings s, List<String> strategies) {
        return strategies.size() * (s.seconds() * 1.25 + 1.5)
                + (s.sweep() ? KvmSettings.SWEEP_REPEAT * KvmSettings.SWEEP_SETTINGS * (strategies.size() + 2) * 3.5 : 0);
    }

    public List<KvmRecord> run(Settings s, List<String> strategies, RunContext ctx) {
        List<KvmRecord> rows = new ArrayList<>(KvmSettings.ring(strategies, s.seconds()).schedule()
                .run(ctx.jvm, ctx.pin, ctx.work, ctx.progress::say));
        if (s.sweep()) {
            rows.addAll(KvmSettings.sweep(strategies, KvmSettings.SWEEP_SECONDS_IN_RUN).schedule()
                    .run(ctx.jvm, ctx.pin, ctx.work, ctx.progress::say));
        }
        Run.write(ctx.work, Run.KVM, rows);
        return rows;
    }

    public List<String> lines(Settings s, List<KvmRecord> records) {
        return records.stream().map(KvmSpec::verdict).toList();
    }

    /** E.g. {@code acquire-load: 0.290 M pages/s harvested, reset 0.36 us (p99 0.53), ...: every written page reported}. */
    public static String verdict(KvmRecord r) {
        KvmRecord.Ring ring = r.ring();
        String rates = r.emulated() != null ? "timings under emulation (" + r.emulated() + "): not used"
                : r.isRing() ? String.format(Locale.ROOT, "%.3f M pages/s harvested, %.2f entries per reset, reset mean %.2f us "
                        + "(p99 %.2f), %.1f ring-full exits/s, guest %.3f M writes/s", ring.pagesPerSecond() / 1e6,
                ring.entriesPerReset(), r.resetTiming().meanMicros(), r.resetTiming().p99Micros(), ring.ringFullPerSecond(),
                r.guest().writesPerSecond() / 1e6)
                : String.format(Locale.ROOT, "%.0f ns CPU per page collected, cycle p99 %.1f us, guest %.3f M writes/s",
                r.collection().cpuNanosPerPage(), r.collection().cycleP99Micros(), r.guest().writesPerSecond() / 1e6);
        return String.format(Locale.ROOT, "%s: %s; %s (%d pages written, %d copies, %s)",
                r.isRing() ? r.strategy() : r.line(), rates, check(r), r.guest().pagesWritten(),
                r.migration() == null ? ring.harvested() : r.migration().copies(), r.capability())
                + (ring != null && ring.ringOverruns() > 0 ? String.format(Locale.ROOT, "; KERNEL RING OVERRUN: %d passes found a "
                + "whole ring DIRTY (pushed past the soft limit), %d ring-full exits with nothing DIRTY to harvest", ring.ringOverruns(),
                ring.emptyRingFullExits()) : "");
    }

    /** The checks in words: the migration check, the payloads, the reset counts. */
    static String check(KvmRecord r) {
        if (r.violations() == 0) {
            return "every written page reported, every final page equal to its last copy";
        }
        return r.violations() + " VIOLATIONS (" + (r.migration() == null ? "lost pages " + r.lostPages()
                : r.migration().differences() + " pages differ from their last copy, " + r.lostPages() + " never reported")
                + (r.isRing() ? ", bad payloads " + r.ring().outOfRange() + ", reset mismatches " + r.ring().resetMismatches() : "") + ")";
    }

}
