package org.ringorder.parts;

import java.util.List;
import java.util.Locale;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.StressRecord;
import org.ringorder.stress.StressSettings;

/** The stress part: does a strategy lose or corrupt dirty pages? Each strategy in a JVM of its own. */
public final class StressSpec extends RecordSpec<StressSettings, StressRecord> {
    public String name() {
        return "stress";
    }

    public String summary() {
        return "the concurrent protocol with checked pages, a JVM per strategy";
    }

    public StressSettings settings(Plan plan) {
        return StressSettings.of(plan.profile.settings.stressSeconds);
    }

    public String detail(StressSettings s, List<String> strategies) {
        return "each strategy in a JVM of its own, " + s.seconds() + " s";
    }

    public double estimate(StressSettings s, List<String> strategies) {
        return strategies.size() * (s.seconds() + 1);
    }

    public List<StressRecord> run(StressSettings s, List<String> strategies, RunContext ctx) {
        List<StressRecord> records = StrategyJvms.run("stress", "org.ringorder.stress.StressMain", StressRecord.class, ctx.jvm,
                ctx.pin, strategies, s::args, s.words(), s.seconds(), ctx.work, ctx.progress::say);
        Run.write(ctx.work, Run.STRESS, records);
        return records;
    }

    public List<String> lines(StressSettings s, List<StressRecord> records) {
        return records.stream().map(StressSpec::verdict).toList();
    }

    /** E.g. {@code acquire-load: no violation in 3412877 entries checked (10.0 s, roles all, 1 vCPU, margin 64)}. */
    static String verdict(StressRecord r) {
        String what = r.violations() == 0 ? "no violation" : String.format(Locale.ROOT, "%d violations (stale payloads %d, short "
                + "resets %d, overwrites %d, lost pages %d)", r.violations(), r.stalePayloads(), r.shortResets(), r.overwrites(),
                r.lostPages());
        return String.format(Locale.ROOT, "%s: %s in %d entries checked (%.1f s, roles %s, %d vCPU, margin %s)", r.strategy(), what,
                r.entriesChecked(), r.millis() / 1000.0, r.roles(), r.vcpus(), r.margin() == null ? "64" : r.margin());
    }
}
