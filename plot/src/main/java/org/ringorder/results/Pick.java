package org.ringorder.results;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * {@code ringorder pick}: the strategy flag to use, from one or more runs.
 *
 * <p>Rules: a strategy is a candidate only if it is known safe ({@link Safety}) and no run
 * observed a violation with it. A candidate's cost in a run is the per-entry cost of the harvest
 * plus the reset at ringSize 4096, vcpus 1, roles all, on the JVM backend. With one run the
 * cheapest candidate wins; with several, the candidate whose worst cost relative to each run's
 * cheapest candidate is smallest (the flag that is never far from the best on any machine).
 * {@code plain} is never picked for lack of observed violations: on x86 it fails only where the
 * compiler reorders.
 */
public final class Pick {
    /** The setting the pick compares strategies at. */
    public static final Map<String, String> SETTING = Map.of(
            "ringSize", "4096", "vcpus", "1", "roles", "all", "pattern", "sequential", "backend", "jvm");

    /** The seed's claim is about this strategy against plain. */
    public static final String CLAIMED = "acquire-load";

    /** A ratio within this of 1.0 is "free" even when its interval excludes 1.0. */
    public static final double FREE_WITHIN = 0.02;

    public record Evidence(Run run, Map<String, Estimate> costs, String line) {
    }

    public record Result(Optional<String> flag, List<Evidence> evidence, List<String> claims, String why) {
    }

    private Pick() {
    }

    /** Per-entry harvest + reset cost of each strategy at {@link #SETTING}, for strategies with both. */
    public static Map<String, Estimate> costs(Run run) {
        return costs(run, "jvm");
    }

    /** The same figure for one backend: jvm (the strategies in Java) or native (the same kernels in C). */
    public static Map<String, Estimate> costs(Run run, String backend) {
        Map<String, String> setting = new java.util.HashMap<>(SETTING);
        setting.put("backend", backend);
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (String s : Strategies.NAMES) {
            Optional<Estimate> h = perEntry(run, "Harvest.harvest", s, setting);
            Optional<Estimate> r = perEntry(run, "Reset.reset", s, setting);
            if (h.isPresent() && r.isPresent()) {
                out.put(s, h.get().plus(r.get()));
            }
        }
        return out;
    }

    static Optional<Estimate> perEntry(Run run, String benchmark, String strategy, Map<String, String> setting) {
        return run.results().stream()
                .filter(x -> x.shortName().equals(benchmark) && x.param("strategy").equals(strategy) && x.matches(setting))
                .findFirst()
                .map(x -> new Estimate(x.perEntry(), x.perEntryError()));
    }

    /**
     * Whether the run saw a lost or corrupted page with this strategy: in the stress part, a litmus
     * test's bad outcome (whatever its expectation: seen is seen), or a stale payload or short
     * reset in the workload.
     */
    public static boolean violated(Run run, String strategy) {
        boolean stressed = run.stress().stream().anyMatch(r -> r.get("strategy").getAsString().equals(strategy)
                && r.get("violations").getAsLong() > 0);
        boolean litmus = run.litmus().stream().anyMatch(r -> r.get("strategy").getAsString().equals(strategy)
                && r.get("badSamples").getAsLong() > 0);
        // a page lost after the kernel overran its own ring is the kernel's loss, not the strategy's
        boolean kvm = run.kvm().stream().anyMatch(r -> r.get("strategy").getAsString().equals(strategy)
                && r.get("violations").getAsLong() > 0 && !(r.has("ringOverruns") && r.get("ringOverruns").getAsLong() > 0));
        return stressed || litmus || kvm || run.results().stream().filter(r -> r.workload() && r.param("strategy").equals(strategy))
                .anyMatch(r -> r.metric("stalePayloads").map(Estimate::value).orElse(0.0) > 0
                        || r.metric("shortResets").map(Estimate::value).orElse(0.0) > 0);
    }

    /**
     * What C2 emitted for a strategy's observe-DIRTY and mark-RESET points, per architecture in the
     * run's asm part, as mnemonics: e.g. {@code [x86_64 mov | movl; aarch64 ldar | dmb+str]}; empty without one.
     */
    public static String instructions(Run run, String strategy) {
        Map<String, String[]> byArch = new LinkedHashMap<>();
        for (JsonObject r : run.asm()) {
            if (!r.get("backend").getAsString().equals("jvm") || !r.get("strategy").getAsString().equals(strategy)) {
                continue;
            }
            int at = switch (r.get("point").getAsString()) {
                case "observeDirty" -> 0;
                case "markReset" -> 1;
                default -> -1;
            };
            if (at >= 0) {
                List<String> ops = new ArrayList<>();
                r.getAsJsonArray("instructions").forEach(x -> ops.add(x.getAsString().split(" ")[0]
                        + (x.getAsString().startsWith("lock ") ? " " + x.getAsString().split(" ")[1] : "")));
                byArch.computeIfAbsent(r.get("arch").getAsString(), k -> new String[2])[at] = ops.isEmpty() ? "-" : String.join("+", ops);
            }
        }
        List<String> parts = new ArrayList<>();
        byArch.forEach((arch, p) -> parts.add(arch + " " + p[0] + " | " + p[1]));
        return parts.isEmpty() ? "" : "[" + String.join("; ", parts) + "]";
    }

    /**
     * The capability rule for a run with a kvm part: which dirty-ring capabilities its kernel
     * offers, and what that asks of userspace's ordering. Empty without a kvm part.
     */
    public static Optional<String> kvmRule(Run run) {
        if (run.kvm().isEmpty()) {
            return Optional.empty();
        }
        JsonObject r = run.kvm().get(0);
        boolean tso = r.get("capDirtyLogRing").getAsLong() > 0;
        boolean acqRel = r.get("capDirtyLogRingAcqRel").getAsLong() > 0;
        String offers = tso && acqRel ? "KVM_CAP_DIRTY_LOG_RING and KVM_CAP_DIRTY_LOG_RING_ACQ_REL"
                : acqRel ? "only KVM_CAP_DIRTY_LOG_RING_ACQ_REL" : "only KVM_CAP_DIRTY_LOG_RING";
        return Optional.of(run.label() + ": the kernel offers " + offers + " (one kernel path: the capability is a contract "
                + "about userspace's ordering, not a mechanism). " + (acqRel && !tso
                ? "Userspace must use an ordered strategy (acquire-load or stronger)."
                : "Where a kernel offers only the ACQ_REL capability (arm64, RISC-V, LoongArch) userspace must use an ordered "
                + "strategy; the TSO capability tolerates plain flag accesses only in C compiled as the kernel expects, "
                + "never in Java, whose JIT may reorder plain accesses (the litmus tests saw it)."));
    }

    /** Recycled entries per second in the workload, per strategy, at one placement and 1 vCPU (the telling run on 2 cores). */
    public static Map<String, Estimate> recycled(Run run, String placement) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (String s : Strategies.NAMES) {
            run.results().stream()
                    .filter(r -> r.workload() && r.benchmark().endsWith("." + placement) && r.param("strategy").equals(s)
                            && r.param("vcpus").equals("1"))
                    .findFirst().flatMap(r -> r.metric("recycled")).ifPresent(e -> out.put(s, e));
        }
        return out;
    }

    public static Result pick(List<Run> runs) {
        List<Evidence> evidence = new ArrayList<>();
        List<String> claims = new ArrayList<>();
        Map<Run, Map<String, Estimate>> usable = new LinkedHashMap<>();
        for (Run run : runs) {
            Map<String, Estimate> costs = costs(run);
            if (costs.isEmpty()) {
                evidence.add(new Evidence(run, costs, run.label() + " (" + run.dir() + "): no harvest and reset at "
                        + "ringSize 4096, vcpus 1, roles all: not used"));
                continue;
            }
            usable.put(run, costs);
            claims.add(claim(run, costs));
            if (!costs(run, "native").isEmpty()) {
                claims.add(nativeClaim(run));
            }
        }
        List<String> candidates = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            boolean everywhere = !usable.isEmpty() && usable.values().stream().allMatch(c -> c.containsKey(s));
            boolean clean = runs.stream().noneMatch(r -> violated(r, s));
            if (Safety.of(s).safe() && clean && everywhere) {
                candidates.add(s);
            }
        }
        Optional<String> flag = candidates.stream().min(Comparator
                .comparingDouble((String s) -> worstRelative(s, usable, candidates))
                .thenComparingDouble(s -> usable.values().stream().mapToDouble(c -> c.get(s).value()).sum()));
        for (Map.Entry<Run, Map<String, Estimate>> e : usable.entrySet()) {
            evidence.add(new Evidence(e.getKey(), e.getValue(), line(e.getKey(), e.getValue(), flag, candidates)));
        }
        String why = flag.isPresent()
                ? "the cheapest known-safe strategy by harvest + reset ns/entry at ringSize 4096, vcpus 1"
                        + (usable.size() > 1 ? ", worst case over " + usable.size() + " runs" : "")
                : "no run has harvest and reset figures at ringSize 4096, vcpus 1, roles all for a known-safe strategy";
        return new Result(flag, evidence, claims, why);
    }

    private static double worstRelative(String s, Map<Run, Map<String, Estimate>> usable, List<String> candidates) {
        double worst = 0;
        for (Map<String, Estimate> c : usable.values()) {
            double best = candidates.stream().mapToDouble(x -> c.get(x).value()).min().orElse(1);
            worst = Math.max(worst, c.get(s).value() / best);
        }
        return worst;
    }

    private static String line(Run run, Map<String, Estimate> costs, Optional<String> flag, List<String> candidates) {
        StringBuilder sb = new StringBuilder(run.label()).append(" (").append(run.dir()).append("): ");
        List<String> parts = new ArrayList<>();
        costs.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.comparingDouble(Estimate::value)))
                .forEach(e -> {
                    String s = e.getKey();
                    String tag = flag.isPresent() && flag.get().equals(s) ? " [picked]"
                            : candidates.contains(s) ? "" : !Safety.of(s).safe() ? " [unsafe]"
                            : violated(run, s) ? " [violations seen]" : " [not a candidate]";
                    parts.add(s + " " + e.getValue().format("%.3f") + tag);
                });
        sb.append(String.join(", ", parts)).append(" ns/entry (harvest + reset, 99.9% CI)");
        List<String> insns = new ArrayList<>();
        for (String s : costs.keySet()) {
            String i = instructions(run, s);
            if (!i.isEmpty()) {
                insns.add(s + " " + i);
            }
        }
        if (!insns.isEmpty()) {
            sb.append("; instructions (observe DIRTY | mark RESET, JVM): ").append(String.join(", ", insns));
        }
        Map<String, Estimate> inC = costs(run, "native");
        if (!inC.isEmpty()) {
            List<String> c = new ArrayList<>();
            inC.forEach((s, e) -> c.add(s + " " + e.format("%.3f") + (costs.containsKey(s)
                    ? " (JVM/C " + costs.get(s).over(e).format("%.2f") + ")" : "")));
            sb.append("; native C11 backend: ").append(String.join(", ", c)).append(" ns/entry");
        }
        Map<String, Estimate> workload = recycled(run, "collector");
        if (!workload.isEmpty()) {
            List<String> w = new ArrayList<>();
            workload.forEach((s, e) -> w.add(s + " " + new Estimate(e.value() / 1e6, e.error() / 1e6).format("%.2f")
                    + (violated(run, s) ? " [violations seen]" : "")));
            sb.append("; workload, collector placement, 1 vCPU: ").append(String.join(", ", w)).append(" M entries recycled/s");
        }
        return sb.toString();
    }

    /**
     * The seed's claim for one run: acquire-load's cost relative to plain, free when the 99.9%
     * interval of the ratio includes 1.0 or stays within 2% of it. It names the JDK too: the
     * same machine can say "free" on one JDK and "not free" on another.
     */
    public static String claim(Run run, Map<String, Estimate> costs) {
        return claim(run, costs, run.jdk());
    }

    /** The claim for the native backend's figures: the same kernels compiled by gcc, as the kernel and QEMU are. */
    public static String nativeClaim(Run run) {
        return claim(run, costs(run, "native"), "C (gcc)");
    }

    private static String claim(Run run, Map<String, Estimate> costs, String compiler) {
        Estimate a = costs.get(CLAIMED);
        Estimate p = costs.get("plain");
        if (a == null || p == null) {
            return CLAIMED + " on " + run.arch() + ", " + compiler + ": not measured in " + run.dir();
        }
        Estimate r = a.over(p);
        boolean free = r.hasError()
                ? (r.low() <= 1 && r.high() >= 1) || (r.low() >= 1 - FREE_WITHIN && r.high() <= 1 + FREE_WITHIN)
                : Math.abs(r.value() - 1) <= FREE_WITHIN;
        String interval = r.hasError()
                ? String.format(Locale.ROOT, " (%+.1f..%+.1f%%)", (r.low() - 1) * 100, (r.high() - 1) * 100)
                : " (one sample, no interval)";
        return String.format(Locale.ROOT, "%s on %s, %s: %+.1f%%%s: %s", CLAIMED, run.arch(), compiler, (r.value() - 1) * 100,
                interval, free ? "free" : "not free");
    }
}
