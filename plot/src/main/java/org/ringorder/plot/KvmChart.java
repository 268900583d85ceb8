package org.ringorder.plot;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.evidence.Costs;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.stats.Basis;
import org.ringorder.evidence.stats.Interval;

/**
 * {@code kvm}, where the time goes: the ordering's cost per entry (harvest + reset from the
 * microbenchmarks, JVM and C) beside the real kernel path per harvested page and per reset call,
 * on a log axis (they differ by orders of magnitude).
 */
final class KvmChart {
    private KvmChart() {
    }

    static List<Chart> of(Run run, Pick.Rule rule) {
        List<KvmRecord> kvm = run.kvm();
        if (kvm.isEmpty()) {
            return List.of();
        }
        Costs jvm = Costs.of(run, "jvm");
        Costs inC = Costs.of(run, "native");
        List<Style.Bar> bars = new ArrayList<>();
        for (KvmRecord r : kvm) {
            String s = r.strategy();
            jvm.of(s).ifPresent(c -> bars.add(new Style.Bar(s, "ordering/entry, JVM", c.perEntry().interval(rule.level()), List.of())));
            inC.of(s).ifPresent(c -> bars.add(new Style.Bar(s, "ordering/entry, C", c.perEntry().interval(rule.level()), List.of())));
            bars.add(new Style.Bar(s, "KVM: per page", single(1e9 / r.ring().pagesPerSecond()), List.of()));
            bars.add(new Style.Bar(s, "KVM: per reset call", single(r.resetTiming().meanMicros() * 1000), List.of()));
        }
        String title = "Where the time goes: ordering against the real kernel path";
        return List.of(new Chart("kvm", title, "harvest + reset ns per entry from the microbenchmarks (ringSize 4096, 1 vCPU) "
                + "beside the real dirty ring's ns per harvested page (guest fault, push, harvest, reset) and per reset call",
                Style.bars(title, run.label() + ", " + kvm.get(0).capability() + ", 1 vCPU, ring " + kvm.get(0).workload().ringSize(), "",
                        "ns (log scale)", Style.Axis.LOG, bars)));
    }

    private static Interval single(double v) {
        return new Interval(v, Double.NaN, Double.NaN, 1, 1, Basis.ONE_SAMPLE, false);
    }
}
