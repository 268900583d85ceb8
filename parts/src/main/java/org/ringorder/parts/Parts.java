package org.ringorder.parts;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ringorder.evidence.ClaimSetting;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.UserError;

/**
 * Every part of the suite, in the order a run runs them: the decision, the benchmarks, then
 * stress, litmus, asm and kvm. {@code run}, {@code --only}, {@code micro --bench}, the profiles
 * and the help read this list; adding a benchmark is its class, its entry here and its test.
 */
public final class Parts {
    private static final List<String> VM = List.of("strategy", "ringSize", "vcpus", "roles", "pattern", "backend");

    public static final List<BenchSpec> BENCHMARKS = List.of(
            new BenchSpec("reset", "ResetBench", "ns per entry of the reset (KVM_RESET_DIRTY_RINGS' loop)", List.of("reset"), VM,
                    Map.of(), BenchSpec.Backends.PLAN, BenchSpec.Tier.CORE, null),
            new BenchSpec("harvest", "HarvestBench", "ns per entry of the VMM's harvest", List.of("harvest"), VM, Map.of(),
                    BenchSpec.Backends.PLAN, BenchSpec.Tier.CORE, null),
            new BenchSpec("barescan", "BareScanBench", "ns per entry of a bare scan of the flags, per memory layout",
                    List.of("scan"), List.of("strategy", "ringSize", "layout", "backend"), Map.of(), BenchSpec.Backends.PLAN,
                    BenchSpec.Tier.CORE, null),
            new BenchSpec("splitcost", "SplitCostBench", "the claim's pair via the strategy interface and inlined", List.of("inlined", "viaStrategy"), List.of("strategy", "ringSize"),
                    Map.of("pollute", List.of("false", "true")), BenchSpec.Backends.JVM, BenchSpec.Tier.EXTENDED,
                    (b, plan) -> List.of(new BenchSpec.JmhRun("", "plain, " + Pick.CLAIMED + " on jvm", b.methods,
                            claimPair(b.planParams(plan, "jvm")), List.of(), "jvm"))),
            new BenchSpec("jnicall", "JniCallBench", "one empty JNI call", List.of("call"), List.of(), Map.of(),
                    BenchSpec.Backends.NATIVE, BenchSpec.Tier.CORE, null).brief(BenchSpec.Brief.ALWAYS),
            new BenchSpec("workload", "RingWorkloadBench", "the concurrent multi-vCPU workload, and its reset latency",
                    List.of("collector", "thread"), List.of("strategy", "ringSize", "roles", "pattern"),
                    Map.of("doorbell", List.of("strategy")), BenchSpec.Backends.JVM, BenchSpec.Tier.EXTENDED, Parts::workload),
            new BenchSpec("paired", "PairedBench", "a strategy against plain in the same forks", List.of("pair"), VM,
                    Map.of("reference", List.of("plain")), BenchSpec.Backends.PLAN, BenchSpec.Tier.BY_NAME, null)
                    .brief(BenchSpec.Brief.NEVER),
            new BenchSpec("concurrent", "ConcurrentPairedBench",
                    "the claim's pair, paired, with vCPUs on cores of their own",
                    List.of("pair"), List.of("strategy", "vcpus", "pattern", "backend"),
                    Map.of("reference", List.of("plain"), "ringSize", List.of(String.valueOf(ClaimSetting.CLAIM.ringSize()))),
                    BenchSpec.Backends.PLAN, BenchSpec.Tier.EXTENDED, Parts::concurrent).brief(BenchSpec.Brief.NEVER));

    /** The decision: first in a run, and given the time the others leave. */
    public static final PartSpec DECISION = new DecisionSpec();

    /** Every part, in run order. */
    public static final List<PartSpec> ALL = all();

    private static List<PartSpec> all() {
        List<PartSpec> all = new ArrayList<>();
        all.add(DECISION);
        all.addAll(BENCHMARKS);
        all.addAll(List.of(new StressSpec(), new LitmusSpec(), new AsmSpec(), new KvmSpec()));
        return List.copyOf(all);
    }

    private Parts() {
    }

    public static List<String> names() {
        return ALL.stream().map(PartSpec::name).toList();
    }

    public static List<String> benchmarkNames() {
        return BENCHMARKS.stream().map(BenchSpec::name).toList();
    }

    /** The benchmarks a profile runs unasked: its tiers'. */
    public static List<String> benchmarks(List<BenchSpec.Tier> tiers) {
        return BENCHMARKS.stream().filter(b -> tiers.contains(b.tier)).map(BenchSpec::name).toList();
    }

    /** Refuses a name that is no part, with one line listing the parts. */
    public static void checkOnly(List<String> only) {
        if (only != null) {
            for (String o : only) {
                if (!names().contains(o)) {
                    throw new UserError("--only " + o + " is not a part: expected some of " + String.join(", ", names()));
                }
            }
        }
    }

    /** The part names, for picocli's completion candidates and {@code ${COMPLETION-CANDIDATES}} in the help. */
    public static final class Names implements Iterable<String> {
        public Iterator<String> iterator() {
            return names().iterator();
        }
    }

    /** The benchmark names, for {@code micro --bench}'s help. */
    public static final class BenchmarkNames implements Iterable<String> {
        public Iterator<String> iterator() {
            return benchmarkNames().iterator();
        }
    }

    /** splitcost measures the claim's pair only: plain and the claimed strategy, where the plan has them. */
    private static Map<String, List<String>> claimPair(Map<String, List<String>> params) {
        Map<String, List<String>> p = new LinkedHashMap<>(params);
        p.put("strategy", params.get("strategy").stream().filter(s -> s.equals("plain") || s.equals(Pick.CLAIMED)).toList());
        return p;
    }

    /** The workload's placements of the reset: its JMH groups, and their -tg prefix before the vCPUs. */
    static final Map<String, String> PLACEMENTS = Map.of("collector", "1", "thread", "1,1");

    /**
     * The concurrent workload: per placement and vCPU count, every strategy at the plan's ring size
     * (4096 where it has it) and roles all; then the latency runs (timing every reset would slow the
     * throughput runs). One JMH run each: -tg is per run.
     */
    private static List<BenchSpec.JmhRun> workload(BenchSpec b, Plan plan) {
        Map<String, List<String>> base = new LinkedHashMap<>(b.planParams(plan, "jvm"));
        base.put("ringSize", List.of(plan.ringSizes.contains("4096") ? "4096" : plan.ringSizes.get(0)));
        base.put("roles", List.of("all"));
        base.put("pattern", List.of(plan.patterns.get(0)));
        Profile.Settings p = plan.profile.settings;
        List<BenchSpec.JmhRun> runs = new ArrayList<>();
        for (String placement : List.of("collector", "thread")) {
            for (String v : p.workloadVcpus) {
                runs.add(workloadRun(b, base, placement, v, false));
            }
        }
        for (String placement : plan.profile == Profile.full ? List.of("collector", "thread") : List.of("collector")) {
            for (String v : p.latencyVcpus) {
                runs.add(workloadRun(b, base, placement, v, true));
            }
        }
        return runs;
    }

    private static BenchSpec.JmhRun workloadRun(BenchSpec b, Map<String, List<String>> base, String placement, String v,
                                                boolean latency) {
        Map<String, List<String>> params = new LinkedHashMap<>(base);
        params.put("latency", List.of(String.valueOf(latency)));
        return new BenchSpec.JmhRun("-" + placement + "-v" + v + (latency ? "-latency" : ""), "the concurrent workload, reset on "
                + placement + ", " + v + " vCPU(s)" + (latency ? ", latency histograms" : ""), List.of(placement), params,
                List.of("-tg", PLACEMENTS.get(placement) + "," + v), "jvm");
    }

    /**
     * The concurrent workload, paired: the claim's pair and the null pair (plain, acquire-load where the
     * plan has them) per backend and vCPU count ({@link Plan#concurrentVcpus}: one thread per CPU).
     */
    private static List<BenchSpec.JmhRun> concurrent(BenchSpec b, Plan plan) {
        List<BenchSpec.JmhRun> runs = new ArrayList<>();
        for (String backend : b.backends(plan)) {
            Map<String, List<String>> base = claimPair(b.planParams(plan, backend));
            for (String v : plan.concurrentVcpus()) {
                Map<String, List<String>> params = new LinkedHashMap<>(base);
                params.put("vcpus", List.of(v));
                params.put("pin", List.of(PairedWorkload.pin()));
                runs.add(new BenchSpec.JmhRun("-" + backend + "-v" + v, String.join(", ", params.get("strategy")) + " against plain, "
                        + v + " vCPU(s) and the collector, on " + backend, b.methods, params, List.of(), backend));
            }
        }
        return runs;
    }
}
