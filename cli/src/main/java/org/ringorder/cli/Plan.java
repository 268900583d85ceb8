package org.ringorder.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ringorder.evidence.ClaimSetting;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.UserError;
import org.ringorder.jni.NativeRing;
import org.ringorder.memory.Gfns;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * What to measure: a profile's settings with the user's overrides, validated before anything
 * runs, as JMH parts: the decision's paired parts (pilot, claims, candidates) and the
 * independent-fork microbenchmarks.
 */
final class Plan {
    /** The benchmarks by CLI name, in run order. */
    static final Map<String, String> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("reset", "ResetBench");
        BENCHMARKS.put("harvest", "HarvestBench");
        BENCHMARKS.put("barescan", "BareScanBench");
        BENCHMARKS.put("splitcost", "SplitCostBench");
        BENCHMARKS.put("jnicall", "JniCallBench");
        BENCHMARKS.put("workload", "RingWorkloadBench");
        BENCHMARKS.put("paired", "PairedBench");
    }

    /** The workload's placements of the reset: JMH groups of RingWorkloadBench, and their -tg prefix before the vCPUs. */
    static final Map<String, String> PLACEMENTS = Map.of("collector", "1", "thread", "1,1");

    enum Profile {
        /** Every benchmark once at its smallest setting: does it run, not what it costs (tests and CI). */
        smoke(1, 0, 0.1, 1, 0.1, List.of("1024"), List.of("1"), List.of("all", "userspace"),
                List.of("reset", "harvest", "barescan", "splitcost", "jnicall", "workload"), 0.5, 0.5, 60),
        /**
         * The decision within 5 minutes: the null pairs, the claim on both backends, the other
         * candidates, all paired and sequential; a short stress, asm, and the real KVM ring.
         */
        quick(1, 3, 1, 5, 1, List.of("4096"), List.of("1"), List.of("all"), List.of(), 1, 2, 300),
        /** The whole grid at JMH's annotated settings and a decision at more forks: hours; for a quiet server. */
        full(3, 5, 1, 5, 1, List.of("1024", "4096", "16384", "65536"), List.of("1", "8", "64"),
                List.of("all", "userspace"), List.of("reset", "harvest", "barescan", "splitcost", "jnicall", "workload"),
                60, 20, 24 * 3600);

        final int forks;
        final int warmups;
        final double warmupSeconds;
        final int iterations;
        final double iterationSeconds;
        final List<String> ringSizes;
        final List<String> vcpus;
        final List<String> roles;
        final List<String> benchmarks;
        final double stressSeconds;
        final double kvmSeconds;
        final double budgetSeconds;
        /** The decision's first looks (the fewest forks any stop rests on): the null pairs' and the claim's, the candidates'. */
        final int firstLook;
        final int candidateFirstLook;

        Profile(int forks, int warmups, double warmupSeconds, int iterations, double iterationSeconds,
                List<String> ringSizes, List<String> vcpus, List<String> roles, List<String> benchmarks,
                double stressSeconds, double kvmSeconds, double budgetSeconds) {
            this.forks = forks;
            this.warmups = warmups;
            this.warmupSeconds = warmupSeconds;
            this.iterations = iterations;
            this.iterationSeconds = iterationSeconds;
            this.ringSizes = ringSizes;
            this.vcpus = vcpus;
            this.roles = roles;
            this.benchmarks = benchmarks;
            this.stressSeconds = stressSeconds;
            this.kvmSeconds = kvmSeconds;
            this.budgetSeconds = budgetSeconds;
            // a JIT outcome one fork in five gets is missed by 10 forks with probability 0.8^10 = 11%, by 20 with 1%
            this.firstLook = switch (name()) {
                case "smoke" -> 1;
                case "quick" -> 10;
                default -> 20;
            };
            // the candidates lie far from plain (+20% and more here): three forks, the fewest with an interval, decide them
            this.candidateFirstLook = name().equals("smoke") ? 1 : name().equals("quick") ? 3 : 10;
        }

        static Profile named(String name, String accepted) {
            for (Profile p : values()) {
                if (p.name().equals(name) && accepted.contains(name)) {
                    return p;
                }
            }
            throw new UserError("unknown profile '" + name + "': expected " + accepted);
        }

        /**
         * A paired fork's iterations on a backend, from the dimensioning study
         * (docs/2026-12-05-sequential-verdicts.md): C2's code settles after about 1.5 s, so every
         * fork warms up that long; past it the spread between forks dominates on the JVM (0.5 s
         * measured is enough) while gcc's code, which varies less between forks, gains from 1 s.
         */
        List<String> pairedIterations(String backend) {
            boolean inC = backend.equals("native");
            return switch (this) {
                case smoke -> iterationArgs(0, 0.1, 1, 0.1);
                case quick -> iterationArgs(6, 0.25, inC ? 4 : 2, 0.25);
                case full -> iterationArgs(8, 0.25, inC ? 8 : 4, 0.25);
            };
        }

        /** A paired fork's seconds on a backend: its iterations and its JVM's start. */
        double pairedSecondsPerFork(String backend) {
            boolean inC = backend.equals("native");
            return switch (this) {
                case smoke -> 1.0;
                case quick -> inC ? 3.1 : 2.6;
                case full -> inC ? 4.6 : 3.6;
            };
        }
    }

    final Profile profile;
    List<String> benchmarks;
    List<String> strategies = Strategies.NAMES;
    List<String> ringSizes;
    List<String> vcpus;
    List<String> roles;
    List<String> patterns = List.of("sequential");
    List<String> layouts = List.of("heap");
    /** jvm, and native where the library loads ({@link #withNativeIfAvailable}). */
    List<String> backends = List.of("jvm");
    int forks;
    int warmups;
    int iterations;

    Plan(Profile profile) {
        this.profile = profile;
        this.benchmarks = profile.benchmarks;
        this.ringSizes = profile.ringSizes;
        this.vcpus = profile.vcpus;
        this.roles = profile.roles;
        this.forks = profile.forks;
        this.warmups = profile.warmups;
        this.iterations = profile.iterations;
    }

    /** Refuses the first bad value with one line naming it and what is accepted. */
    Plan validate() {
        check(benchmarks, "bench", BENCHMARKS.keySet());
        strategies.forEach(Strategies::byName);
        ringSizes.forEach(s -> DirtyRing.checkSize(number("--ring-size", s)));
        for (String v : vcpus) {
            int n = number("--vcpus", v);
            if (n < 1 || n > 1024) {
                throw new UserError("--vcpus " + v + " is out of range: expected 1..1024");
            }
        }
        roles.forEach(Roles::byName);
        patterns.forEach(OffsetPattern::byName);
        check(layouts, "layout", Gfns.LAYOUTS);
        check(backends, "backend", List.of("jvm", "native"));
        if (backends.contains("native")) {
            NativeRing.unavailable().ifPresent(why -> {
                throw new UserError("--backend native: " + why);
            });
        }
        atLeast("--forks", forks, 1);
        atLeast("--iterations", iterations, 1);
        atLeast("--warmup-iterations", warmups, 0);
        return this;
    }

    /** Refuses settings this JVM cannot run. */
    void checkJvm(int major) {
        if (layouts.contains("bytes") && major > 21) {
            throw new UserError("--layout bytes needs JDK 21 or older (JDK " + major
                    + " refuses ordered access to byte arrays): use heap or direct");
        }
    }

    /** The jcstress mode of the litmus part, or null for none: quick keeps to minutes. */
    String litmusMode() {
        return switch (profile) {
            case smoke -> "sanity";
            case quick -> null;
            case full -> "quick";
        };
    }

    /** vCPU threads of the concurrent workload: one JMH run each (-tg is per run). */
    List<String> workloadVcpus() {
        return profile == Profile.full ? List.of("1", "2", "4", "8", "16", "32", "64") : List.of("1");
    }

    /**
     * Adds the native backend when its library loads here; otherwise says why in one line on
     * {@code err} and measures the JVM backend alone.
     */
    Plan withNativeIfAvailable(PrintWriter err) {
        Optional<String> why = NativeRing.unavailable();
        if (why.isEmpty()) {
            backends = List.of("jvm", "native");
        } else {
            err.println("ringorder: native backend skipped: " + why.get());
            err.flush();
        }
        return this;
    }

    /**
     * The decision, paired and sequential: the null pairs first (the machine's noise, on record),
     * then every other known-safe candidate against plain for the pick (far from plain: a first
     * look decides them), then the claim (acquire-load against plain) with all the time left, each
     * group within the share of the budget {@link Decision} gives it.
     */
    List<Part> decisionParts(Decision d) {
        List<Part> parts = new ArrayList<>();
        parts.add(new DecisionGroup("null-pairs", DecisionGroup.NULL_PAIR, d, List.of("plain"), backends, profile.firstLook));
        List<String> others = Strategies.NAMES.stream()
                .filter(s -> Safety.of(s).safe() && !s.equals(Pick.CLAIMED) && strategies.contains(s)).toList();
        if (!others.isEmpty()) {
            parts.add(new DecisionGroup("candidates", DecisionGroup.CANDIDATE, d, others, List.of("jvm"), profile.candidateFirstLook));
        }
        parts.add(new DecisionGroup("claim", DecisionGroup.CLAIM, d, List.of(Pick.CLAIMED), backends, profile.firstLook));
        return parts;
    }

    /** A paired setting's params: strategy against plain at the verdicts' setting. */
    static List<String> paired(String strategies, String backend) {
        List<String> params = new ArrayList<>(List.of("-p", "strategy=" + strategies, "-p", "backend=" + backend));
        params.addAll(ClaimSetting.CLAIM.jmhParams());
        return params;
    }

    /** The independent-fork microbenchmarks (and the paired benchmark, when asked for by name), one JMH part each. */
    List<JmhPart> microParts() {
        List<JmhPart> parts = new ArrayList<>();
        for (String bench : benchmarks) {
            switch (bench) {
                case "workload" -> parts.addAll(workloadParts());
                case "jnicall" -> {
                    if (backends.contains("native")) {
                        int wi = Math.min(warmups, 2);
                        int it = Math.min(iterations, 3);
                        parts.add(part(bench, "one empty JNI call", BENCHMARKS.get(bench) + "\\.", List.of(), 1, wi, it));
                    }
                }
                case "paired" -> parts.add(part(bench, String.join(", ", strategies) + " against plain",
                        BENCHMARKS.get(bench) + "\\.", List.of("-p", "strategy=" + String.join(",", strategies),
                                "-p", "backend=" + String.join(",", backends), "-p", "ringSize=" + String.join(",", ringSizes),
                                "-p", "vcpus=" + String.join(",", vcpus), "-p", "roles=" + String.join(",", roles)),
                        strategies.size() * backends.size() * ringSizes.size() * vcpus.size() * roles.size(), warmups, iterations));
                default -> {
                    for (String backend : bench.equals("splitcost") ? List.of("jvm") : backends) {
                        JmhPart p = microPart(bench, backend);
                        if (p != null) {
                            parts.add(p);
                        }
                    }
                }
            }
        }
        return parts;
    }

    private JmhPart part(String name, String detail, String include, List<String> params, int settings, int wi, int it) {
        return new JmhPart(name, detail, include, params, settings, () -> forks, iterationArgs(wi, profile.warmupSeconds, it,
                profile.iterationSeconds), wi * profile.warmupSeconds + it * profile.iterationSeconds + 1.5, null);
    }

    /** One microbenchmark on one backend; native runs 2+3 iterations outside full (gcc's code varies less than C2's). */
    private JmhPart microPart(String bench, String backend) {
        boolean inC = backend.equals("native");
        int wi = inC && profile != Profile.full ? Math.min(warmups, 2) : warmups;
        int it = inC && profile != Profile.full ? Math.min(iterations, 3) : iterations;
        List<String> strats = bench.equals("splitcost")
                ? strategies.stream().filter(s -> s.equals("plain") || s.equals("acquire-load")).toList() : strategies;
        if (strats.isEmpty()) {
            return null;
        }
        List<String> params = new ArrayList<>(List.of(
                "-p", "strategy=" + String.join(",", strats),
                "-p", "ringSize=" + String.join(",", ringSizes),
                "-p", "vcpus=" + String.join(",", vcpus),
                "-p", "roles=" + String.join(",", roles),
                "-p", "pattern=" + String.join(",", patterns),
                "-p", "layout=" + String.join(",", inC ? List.of("heap") : layouts),
                "-p", "backend=" + backend));
        int settings = strats.size() * ringSizes.size();
        switch (bench) {
            case "reset", "harvest" -> settings *= vcpus.size() * roles.size() * patterns.size();
            case "barescan" -> settings *= inC ? 1 : layouts.size();
            default -> settings *= 2 * 2; // polluted and not, two benchmark methods
        }
        return part(inC ? bench + "-native" : bench, String.join(", ", strats) + " on " + backend, BENCHMARKS.get(bench) + "\\.",
                params, settings, wi, it);
    }

    /**
     * The concurrent workload: per placement and vCPU count, every strategy at the plan's first
     * ring size and roles; then the latency runs (timing every reset would slow the throughput runs).
     */
    private List<JmhPart> workloadParts() {
        List<JmhPart> parts = new ArrayList<>();
        for (String placement : List.of("collector", "thread")) {
            for (String v : workloadVcpus()) {
                parts.add(workloadPart(placement, v, false));
            }
        }
        List<String> latencyPlacements = profile == Profile.full ? List.of("collector", "thread") : List.of("collector");
        for (String placement : latencyPlacements) {
            for (String v : profile == Profile.full ? List.of("1", "4") : List.of("1")) {
                parts.add(workloadPart(placement, v, true));
            }
        }
        return parts;
    }

    private JmhPart workloadPart(String placement, String v, boolean latency) {
        List<String> params = new ArrayList<>(List.of(
                "-p", "strategy=" + String.join(",", strategies),
                "-p", "ringSize=" + (ringSizes.contains("4096") ? "4096" : ringSizes.get(0)),
                "-p", "roles=all",
                "-p", "pattern=" + patterns.get(0),
                "-p", "doorbell=strategy",
                "-p", "latency=" + latency,
                "-tg", PLACEMENTS.get(placement) + "," + v));
        return part("workload-" + placement + "-v" + v + (latency ? "-latency" : ""),
                "the concurrent workload, reset on " + placement + ", " + v + " vCPU(s)" + (latency ? ", latency histograms" : ""),
                BENCHMARKS.get("workload") + "\\." + placement + "$", params, strategies.size(), warmups, iterations);
    }

    /** JMH's warmup and measurement iterations. */
    static List<String> iterationArgs(int wi, double warmupSeconds, int it, double iterationSeconds) {
        return List.of("-wi", String.valueOf(wi), "-w", seconds(warmupSeconds), "-i", String.valueOf(it), "-r", seconds(iterationSeconds));
    }

    private static String seconds(double s) {
        return s >= 1 ? (int) s + "s" : Math.round(s * 1000) + "ms";
    }

    private static void check(List<String> given, String what, Collection<String> accepted) {
        for (String g : given) {
            if (!accepted.contains(g)) {
                throw new UserError("unknown " + what + " '" + g + "': expected one of " + String.join(", ", accepted));
            }
        }
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UserError(option + " " + value + " is not a number");
        }
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new UserError(option + " " + value + (min == 0 ? " is negative: expected 0 or more" : " must be at least " + min));
        }
    }
}
