package org.ringorder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ringorder.jni.NativeRing;
import org.ringorder.memory.Gfns;
import org.ringorder.results.UserError;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * What to measure: a profile's settings with the user's overrides, validated before anything
 * runs, as one JMH run ("part") per benchmark.
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
    }

    /** The workload's placements of the reset: JMH groups of RingWorkloadBench, and their -tg prefix before the vCPUs. */
    static final Map<String, String> PLACEMENTS = Map.of("collector", "1", "thread", "1,1");

    enum Profile {
        /** Every benchmark once at its smallest setting: does it run, not what it costs (tests and CI). */
        smoke(1, 0, 0.1, 1, 0.1, List.of("1024"), List.of("1"), List.of("all", "userspace"),
                List.of("reset", "harvest", "barescan", "splitcost", "jnicall", "workload")),
        /** One setting (4096 entries, 1 vCPU), every strategy, short iterations: about 3 minutes on 2 cores. */
        quick(1, 3, 1, 5, 1, List.of("4096"), List.of("1"), List.of("all"), List.of("reset", "harvest", "barescan", "jnicall", "workload")),
        /** The whole grid at JMH's annotated settings (3 forks, 5+5 one-second iterations): hours; for a quiet server. */
        full(3, 5, 1, 5, 1, List.of("1024", "4096", "16384", "65536"), List.of("1", "8", "64"),
                List.of("all", "userspace"), List.of("reset", "harvest", "barescan", "splitcost", "jnicall", "workload"));

        final int forks;
        final int warmups;
        final double warmupSeconds;
        final int iterations;
        final double iterationSeconds;
        final List<String> ringSizes;
        final List<String> vcpus;
        final List<String> roles;
        final List<String> benchmarks;

        Profile(int forks, int warmups, double warmupSeconds, int iterations, double iterationSeconds,
                List<String> ringSizes, List<String> vcpus, List<String> roles, List<String> benchmarks) {
            this.forks = forks;
            this.warmups = warmups;
            this.warmupSeconds = warmupSeconds;
            this.iterations = iterations;
            this.iterationSeconds = iterationSeconds;
            this.ringSizes = ringSizes;
            this.vcpus = vcpus;
            this.roles = roles;
            this.benchmarks = benchmarks;
        }

        static Profile named(String name, String accepted) {
            for (Profile p : values()) {
                if (p.name().equals(name) && accepted.contains(name)) {
                    return p;
                }
            }
            throw new UserError("unknown profile '" + name + "': expected " + accepted);
        }
    }

    /** One JMH run: a benchmark (a JMH include regex) with its params. */
    record Part(String name, String include, List<String> params, int settings, double seconds) {
        List<String> jmhArgs(Path resultFile) {
            List<String> args = new ArrayList<>(List.of(include));
            args.addAll(params);
            args.addAll(List.of("-rf", "json", "-rff", resultFile.toString()));
            return args;
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
    void checkJvm(Jvm jvm) {
        if (layouts.contains("bytes") && jvm.major > 21) {
            throw new UserError("--layout bytes needs JDK 21 or older (JDK " + jvm.major
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

    /** Seconds of the kvm part per strategy (each in a JVM of its own). */
    double kvmSeconds() {
        return switch (profile) {
            case smoke -> 0.5;
            case quick -> 2;
            case full -> 20;
        };
    }

    /** Seconds of the stress part per strategy (each in a JVM of its own). */
    double stressSeconds() {
        return switch (profile) {
            case smoke -> 0.5;
            case quick -> 3;
            case full -> 60;
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
    Plan withNativeIfAvailable(java.io.PrintWriter err) {
        Optional<String> why = NativeRing.unavailable();
        if (why.isEmpty()) {
            backends = List.of("jvm", "native");
        } else {
            err.println("ringorder: native backend skipped: " + why.get());
            err.flush();
        }
        return this;
    }

    List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        for (String bench : benchmarks) {
            if (bench.equals("workload")) {
                parts.addAll(workloadParts());
                continue;
            }
            if (bench.equals("jnicall")) {
                if (backends.contains("native")) {
                    int wi = Math.min(warmups, 2);
                    int it = Math.min(iterations, 3);
                    parts.add(new Part(bench, BENCHMARKS.get(bench) + "\\.", iterationArgs(wi, it), 1, forks * perFork(wi, it)));
                }
                continue;
            }
            for (String backend : bench.equals("splitcost") ? List.of("jvm") : backends) {
                Part p = microPart(bench, backend);
                if (p != null) {
                    parts.add(p);
                }
            }
        }
        return parts;
    }

    /** One microbenchmark on one backend; native runs 2+3 iterations in quick (gcc's code varies less than C2's). */
    private Part microPart(String bench, String backend) {
        boolean inC = backend.equals("native");
        int wi = inC && profile == Profile.quick ? 2 : warmups;
        int it = inC && profile == Profile.quick ? 3 : iterations;
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
            default -> {
                if (profile == Profile.quick) {
                    params.addAll(List.of("-p", "pollute=false"));
                } else {
                    settings *= 2;
                }
                settings *= 2; // two benchmark methods
            }
        }
        params.addAll(iterationArgs(wi, it));
        return new Part(inC ? bench + "-native" : bench, BENCHMARKS.get(bench) + "\\.", params, settings,
                settings * forks * perFork(wi, it));
    }

    /**
     * The concurrent workload: per placement and vCPU count, every strategy at the plan's first
     * ring size and roles. Shorter than the microbenchmarks in quick (2+3 iterations) to keep the
     * quick profile under 5 minutes; its rates vary more from run to run than they cost to pin down.
     */
    private List<Part> workloadParts() {
        List<Part> parts = new ArrayList<>();
        int wi = profile == Profile.quick ? 2 : warmups;
        int it = profile == Profile.quick ? 3 : iterations;
        for (String placement : List.of("collector", "thread")) {
            for (String v : workloadVcpus()) {
                parts.add(workloadPart(placement, v, false, wi, it));
            }
        }
        // latency histograms in runs of their own: timing every reset would slow the throughput runs
        List<String> latencyPlacements = profile == Profile.full ? List.of("collector", "thread") : List.of("collector");
        for (String placement : latencyPlacements) {
            for (String v : profile == Profile.full ? List.of("1", "4") : List.of("1")) {
                parts.add(workloadPart(placement, v, true, profile == Profile.quick ? 1 : wi, profile == Profile.quick ? 2 : it));
            }
        }
        return parts;
    }

    private Part workloadPart(String placement, String v, boolean latency, int wi, int it) {
        List<String> params = new ArrayList<>(List.of(
                "-p", "strategy=" + String.join(",", strategies),
                "-p", "ringSize=" + (ringSizes.contains("4096") ? "4096" : ringSizes.get(0)),
                "-p", "roles=all",
                "-p", "pattern=" + patterns.get(0),
                "-p", "doorbell=strategy",
                "-p", "latency=" + latency,
                "-tg", PLACEMENTS.get(placement) + "," + v));
        params.addAll(iterationArgs(wi, it));
        return new Part("workload-" + placement + "-v" + v + (latency ? "-latency" : ""),
                BENCHMARKS.get("workload") + "\\." + placement + "$", params, strategies.size(),
                strategies.size() * forks * perFork(wi, it));
    }

    /** JMH's forks, warmup and measurement iterations for a part. */
    private List<String> iterationArgs(int wi, int it) {
        return List.of("-f", String.valueOf(forks), "-wi", String.valueOf(wi), "-w", seconds(profile.warmupSeconds),
                "-i", String.valueOf(it), "-r", seconds(profile.iterationSeconds));
    }

    /** Seconds one fork of one setting takes: its iterations and about 1.5 s of JVM start. */
    private double perFork(int wi, int it) {
        return wi * profile.warmupSeconds + it * profile.iterationSeconds + 1.5;
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
