package org.ringorder.parts;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.ringorder.evidence.ClaimSetting;
import org.ringorder.evidence.UserError;
import org.ringorder.jni.Cpus;
import org.ringorder.jni.NativeRing;
import org.ringorder.memory.Gfns;
import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * What to measure: a profile's settings with the user's overrides, validated before anything
 * runs; the parts of the suite ({@link Parts#ALL}) make their runs from it.
 */
public final class Plan {
    public final Profile profile;
    public List<String> benchmarks;
    public List<String> strategies = Strategies.NAMES;
    public List<String> ringSizes;
    public List<String> vcpus;
    public List<String> roles;
    public List<String> patterns = List.of("sequential");
    public List<String> layouts = List.of("heap");
    /** jvm, and native where the library loads ({@link #withNativeIfAvailable}). */
    public List<String> backends = List.of("jvm");
    public int forks;
    public int warmups;
    public int iterations;

    /** The decision's budget and rule, in a run; null in micro. */
    public Decision decision;

    /** The CPUs the benchmarks' JVMs may run on: this process's, or as many as {@code --cpus} names (the commands set it). */
    public int cpus = Cpus.allowed().length;

    public Plan(Profile profile) {
        Profile.Settings p = profile.settings;
        this.profile = profile;
        this.benchmarks = p.microbenchmarks ? Parts.benchmarks(List.of(BenchSpec.Tier.CORE, BenchSpec.Tier.EXTENDED)) : List.of();
        this.ringSizes = p.ringSizes;
        this.vcpus = p.vcpus;
        this.roles = p.roles;
        this.forks = p.forks;
        this.warmups = p.warmups;
        this.iterations = p.iterations;
    }

    /** Refuses the first bad value with one line naming it and what is accepted. */
    public Plan validate() {
        check(benchmarks, "bench", Parts.benchmarkNames());
        strategies.forEach(Strategies::byName);
        ringSizes.forEach(s -> DirtyRing.checkSize(number("--ring-size", s)));
        vcpus.forEach(v -> DirtyRingVm.checkVcpus(number("--vcpus", v)));
        roles.forEach(Roles::byName);
        patterns.forEach(OffsetPattern::byName);
        check(layouts, "layout", Gfns.LAYOUTS);
        check(backends, "backend", List.of("jvm", "native"));
        if (backends.contains("native")) {
            NativeRing.unavailable().ifPresent(why -> {
                throw new UserError("--backend native: " + why);
            });
        }
        if (benchmarks.contains("concurrent") && decision == null) {
            for (String v : vcpus) { // micro: the user's counts; a run's are those the CPUs allow (concurrentVcpus)
                if (number("--vcpus", v) + 1 > cpus) {
                    throw new UserError(Cpus.refusal(number("--vcpus", v), cpus));
                }
            }
        }
        atLeast("--forks", forks, 1);
        atLeast("--iterations", iterations, 1);
        atLeast("--warmup-iterations", warmups, 0);
        return this;
    }

    /** Refuses settings this JVM cannot run. */
    public void checkJvm(int major) {
        if (layouts.contains("bytes") && major > 21) {
            throw new UserError("--layout bytes needs JDK 21 or older (JDK " + major
                    + " refuses ordered access to byte arrays): use heap or direct");
        }
    }

    /**
     * Adds the native backend when its library loads here; otherwise says why in one line on
     * {@code err} and measures the JVM backend alone.
     */
    public Plan withNativeIfAvailable(PrintWriter err) {
        Optional<String> why = NativeRing.unavailable();
        if (why.isEmpty()) {
            backends = List.of("jvm", "native");
        } else {
            err.println("ringorder: native backend skipped: " + why.get());
            err.flush();
        }
        return this;
    }

    /** A paired setting's params: strategy against plain at the verdicts' setting. */
    static List<String> paired(String strategies, String backend) {
        List<String> params = new ArrayList<>(List.of("-p", "strategy=" + strategies, "-p", "backend=" + backend));
        params.addAll(ClaimSetting.CLAIM.jmhParams());
        return params;
    }

    /**
     * The concurrent workload's vCPU counts, each thread on a CPU of its own beside the collector:
     * micro's {@code --vcpus}; in a run, every count beyond the decision's one vCPU that the CPUs allow.
     */
    List<String> concurrentVcpus() {
        if (decision == null) {
            return vcpus;
        }
        List<String> out = new ArrayList<>();
        for (int v = ClaimSetting.CLAIM.vcpus() + 1; v <= Cpus.maxVcpus(cpus); v++) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    /** The strategies a backend runs: the native backend's are those it has C kernels for. */
    List<String> strategiesOn(String backend) {
        return backend.equals("native") ? strategies.stream().filter(NativeRing::has).toList() : strategies;
    }

    /** Says in one line which strategies the native backend skips (a Java-only strategy has no C kernels). */
    public Plan sayNativeSkips(PrintWriter err) {
        List<String> skipped = strategies.stream().filter(s -> !NativeRing.has(s)).toList();
        if (backends.contains("native") && !skipped.isEmpty()) {
            err.println("ringorder: native backend skips " + String.join(", ", skipped) + ": no C kernels in "
                    + "native/src/main/c (they run on the jvm backend)");
            err.flush();
        }
        return this;
    }

    /** The benchmarks' parts only (micro). */
    public List<Part> benchmarkParts() {
        List<Part> parts = new ArrayList<>();
        Parts.BENCHMARKS.forEach(b -> parts.addAll(b.parts(this)));
        return parts;
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
