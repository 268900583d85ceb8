package org.ringorder.parts;

import java.util.List;
import org.ringorder.evidence.UserError;

/**
 * How much a run measures: every part's settings under a name (smoke, quick, full), each setting a
 * named field. A part reads what it needs from here; which parts a profile runs is said by the
 * parts themselves ({@link PartSpec}).
 */
public enum Profile {
    /** Every benchmark once at its smallest setting: does it run, not what it costs (tests and CI). */
    smoke(new Settings().forks(1).warmups(0).warmupSeconds(0.1).iterations(1).iterationSeconds(0.1).ringSizes("1024").vcpus("1")
            .roles("all", "userspace").microbenchmarks(true).workloadVcpus("1").latencyVcpus("1").stressSeconds(0.5).kvmSeconds(0.5)
            .litmusMode("sanity").budgetSeconds(60).firstLook(1).candidateFirstLook(1).pairedWarmups(0).pairedWarmupSeconds(0.1)
            .pairedJvmIterations(1).pairedNativeIterations(1).pairedIterationSeconds(0.1).pairedJvmSecondsPerFork(1)
            .pairedNativeSecondsPerFork(1).concurrent(true).concurrentWarmups(0, 0).concurrentWarmupSeconds(0.1).concurrentIterations(1)
            .concurrentIterationSeconds(0.1).concurrentSecondsPerFork(1, 1)),
    /**
     * The decision within 5 minutes: the null pairs, the claim on both backends, the other
     * candidates, all paired and sequential; a short stress, asm, and the real KVM ring.
     */
    // the quick paired forks come from the dimensioning study (docs/2026-12-05-sequential-verdicts.md): C2's code settles
    // after about 1.5 s, so every fork warms up that long; past it the spread between forks dominates on the JVM (0.5 s
    // measured is enough) while gcc's code, which varies less between forks, gains from 1 s
    quick(new Settings().forks(1).warmups(3).warmupSeconds(1).iterations(5).iterationSeconds(1).ringSizes("4096").vcpus("1")
            .roles("all").microbenchmarks(false).workloadVcpus("1").latencyVcpus("1").stressSeconds(1).kvmSeconds(2).litmusMode(null)
            .budgetSeconds(300).firstLook(10).candidateFirstLook(3).pairedWarmups(6).pairedWarmupSeconds(0.25).pairedJvmIterations(2)
            .pairedNativeIterations(4).pairedIterationSeconds(0.25).pairedJvmSecondsPerFork(2.6).pairedNativeSecondsPerFork(3.1)
            .concurrent(false).concurrentWarmups(6, 2).concurrentWarmupSeconds(0.5).concurrentIterations(4).concurrentIterationSeconds(0.5)
            .concurrentSecondsPerFork(6.5, 4.5)),
    /** The whole grid at JMH's annotated settings and a decision at more forks: hours; for a quiet server. */
    full(new Settings().forks(3).warmups(5).warmupSeconds(1).iterations(5).iterationSeconds(1)
            .ringSizes("1024", "4096", "16384", "65536").vcpus("1", "8", "64").roles("all", "userspace").microbenchmarks(true)
            .workloadVcpus("1", "2", "4", "8", "16", "32", "64").latencyVcpus("1", "4").stressSeconds(60).kvmSeconds(20)
            .litmusMode("quick").budgetSeconds(24 * 3600).firstLook(20).candidateFirstLook(10).pairedWarmups(8)
            .pairedWarmupSeconds(0.25).pairedJvmIterations(4).pairedNativeIterations(8).pairedIterationSeconds(0.25)
            .pairedJvmSecondsPerFork(3.6).pairedNativeSecondsPerFork(4.6).concurrent(true).concurrentWarmups(8, 2)
            .concurrentWarmupSeconds(0.5).concurrentIterations(4).concurrentIterationSeconds(0.5).concurrentSecondsPerFork(7.5, 4.5));

    /** The profile's values, set by name. */
    public static final class Settings {
        int forks;
        int warmups;
        double warmupSeconds;
        int iterations;
        double iterationSeconds;
        List<String> ringSizes;
        List<String> vcpus;
        List<String> roles;
        /** Whether it runs the independent-fork microbenchmarks (quick measures the decision's pairs only). */
        boolean microbenchmarks;
        /** vCPU threads of the concurrent workload, one JMH run each (-tg is per run); and of its latency runs. */
        List<String> workloadVcpus;
        List<String> latencyVcpus;
        double stressSeconds;
        double kvmSeconds;
        /** The jcstress mode of the litmus part, or null for none: quick keeps to minutes. */
        String litmusMode;
        public double budgetSeconds;
        /**
         * The decision's first looks (the fewest forks any stop rests on): the null pairs' and the claim's, and the
         * candidates'. A JIT outcome one fork in five gets is missed by 10 forks with probability 0.8^10 = 11%, by 20 with
         * 1%; the candidates lie far from plain (+20% and more here): three forks, the fewest with an interval, decide them.
         */
        int firstLook;
        int candidateFirstLook;
        /** A paired fork's iterations (warm-up, then measured on the JVM and in C) and its seconds, JVM start included. */
        int pairedWarmups;
        double pairedWarmupSeconds;
        int pairedJvmIterations;
        int pairedNativeIterations;
        double pairedIterationSeconds;
        double pairedJvmSecondsPerFork;
        double pairedNativeSecondsPerFork;
        /**
         * Whether the decision also decides the claim on the concurrent workload unasked (smoke: once, to see it runs; full;
         * not quick, whose 5 minutes the ordering points' claim needs: {@code --only concurrent} adds it), and a concurrent
         * fork's iterations: C2 warms up longer than gcc's code needs, and both then measure the same.
         */
        boolean concurrent;
        int concurrentJvmWarmups;
        int concurrentNativeWarmups;
        double concurrentWarmupSeconds;
        int concurrentIterations;
        double concurrentIterationSeconds;
        double concurrentJvmSecondsPerFork;
        double concurrentNativeSecondsPerFork;

        Settings forks(int v) {
            forks = v;
            return this;
        }

        Settings warmups(int v) {
            warmups = v;
            return this;
        }

        Settings warmupSeconds(double v) {
            warmupSeconds = v;
            return this;
        }

        Settings iterations(int v) {
            iterations = v;
            return this;
        }

        Settings iterationSeconds(double v) {
            iterationSeconds = v;
            return this;
        }

        Settings ringSizes(String... v) {
            ringSizes = List.of(v);
            return this;
        }

        Settings vcpus(String... v) {
            vcpus = List.of(v);
            return this;
        }

        Settings roles(String... v) {
            roles = List.of(v);
            return this;
        }

        Settings microbenchmarks(boolean v) {
            microbenchmarks = v;
            return this;
        }

        Settings workloadVcpus(String... v) {
            workloadVcpus = List.of(v);
            return this;
        }

        Settings latencyVcpus(String... v) {
            latencyVcpus = List.of(v);
            return this;
        }

        Settings stressSeconds(double v) {
            stressSeconds = v;
            return this;
        }

        Settings kvmSeconds(double v) {
            kvmSeconds = v;
            return this;
        }

        Settings litmusMode(String v) {
            litmusMode = v;
            return this;
        }

        Settings budgetSeconds(double v) {
            budgetSeconds = v;
            return this;
        }

        Settings firstLook(int v) {
            firstLook = v;
            return this;
        }

        Settings candidateFirstLook(int v) {
            candidateFirstLook = v;
            return this;
        }

        Settings pairedWarmups(int v) {
            pairedWarmups = v;
            return this;
        }

        Settings pairedWarmupSeconds(double v) {
            pairedWarmupSeconds = v;
            return this;
        }

        Settings pairedJvmIterations(int v) {
            pairedJvmIterations = v;
            return this;
        }

        Settings pairedNativeIterations(int v) {
            pairedNativeIterations = v;
            return this;
        }

        Settings pairedIterationSeconds(double v) {
            pairedIterationSeconds = v;
            return this;
        }

        Settings pairedJvmSecondsPerFork(double v) {
            pairedJvmSecondsPerFork = v;
            return this;
        }

        Settings pairedNativeSecondsPerFork(double v) {
            pairedNativeSecondsPerFork = v;
            return this;
        }

        Settings concurrent(boolean v) {
            concurrent = v;
            return this;
        }

        Settings concurrentWarmups(int jvm, int inC) {
            concurrentJvmWarmups = jvm;
            concurrentNativeWarmups = inC;
            return this;
        }

        Settings concurrentWarmupSeconds(double v) {
            concurrentWarmupSeconds = v;
            return this;
        }

        Settings concurrentIterations(int v) {
            concurrentIterations = v;
            return this;
        }

        Settings concurrentIterationSeconds(double v) {
            concurrentIterationSeconds = v;
            return this;
        }

        Settings concurrentSecondsPerFork(double jvm, double inC) {
            concurrentJvmSecondsPerFork = jvm;
            concurrentNativeSecondsPerFork = inC;
            return this;
        }
    }

    public final Settings settings;

    Profile(Settings settings) {
        this.settings = settings;
    }

    public static Profile named(String name, String accepted) {
        for (Profile p : values()) {
            if (p.name().equals(name) && accepted.contains(name)) {
                return p;
            }
        }
        throw new UserError("unknown profile '" + name + "': expected " + accepted);
    }

    /** A paired fork's JMH iterations on a backend. */
    List<String> pairedIterations(String backend) {
        return JmhPart.iterationArgs(settings.pairedWarmups, settings.pairedWarmupSeconds,
                backend.equals("native") ? settings.pairedNativeIterations : settings.pairedJvmIterations, settings.pairedIterationSeconds);
    }

    /** A paired fork's seconds on a backend: its iterations and its JVM's start. */
    double pairedSecondsPerFork(String backend) {
        return backend.equals("native") ? settings.pairedNativeSecondsPerFork : settings.pairedJvmSecondsPerFork;
    }

    /** A concurrent paired fork's JMH iterations on a backend. */
    List<String> concurrentIterations(String backend) {
        return JmhPart.iterationArgs(backend.equals("native") ? settings.concurrentNativeWarmups : settings.concurrentJvmWarmups,
                settings.concurrentWarmupSeconds, settings.concurrentIterations, settings.concurrentIterationSeconds);
    }

    /** A concurrent paired fork's seconds on a backend: its iterations and its JVM's start. */
    double concurrentSecondsPerFork(String backend) {
        return backend.equals("native") ? settings.concurrentNativeSecondsPerFork : settings.concurrentJvmSecondsPerFork;
    }
}
