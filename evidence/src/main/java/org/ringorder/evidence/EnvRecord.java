package org.ringorder.evidence;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code env.json}: the machine, the JVM the benchmarks ran on, the run (profile, start, end,
 * whether it completed), and from format version 2 the machine's measured noise and the
 * decision's design. Fields a version-1 file lacks read as null.
 */
public record EnvRecord(int formatVersion, String ringorderVersion, String gitCommit, String profile, String start,
                        String end, boolean completed, String arch, String cpu, Cores cores, String kernel, String os,
                        String governor, JvmInfo jvm, String hsdis, String perf, KvmInfo kvm, String pinnedCpus,
                        String emulated, Noise noise, Design design) {

    /** Online CPUs and, where sysfs says, the topology. */
    public record Cores(int online, Integer sockets, Integer physicalCores, Integer threadsPerCore) {
    }

    /** The benchmark JVM. */
    public record JvmInfo(String home, int feature, String vendor, String version, String vm, List<String> flags,
                          String flagsNote) {
    }

    /** {@code /dev/kvm} on the machine: whether it exists, which module serves it, and why it cannot be used. */
    /**
     * @param unusable why the kernel's ring cannot run here and how to get it under emulation, in one line; null where it
     *                 can (and in runs written before this was recorded)
     */
    public record KvmInfo(boolean present, Boolean accessible, List<String> modules, String flavour, String unusable) {
    }

    /**
     * The machine's own noise over the run: the null pair on each backend (plain against a
     * separately compiled plain, which must come out free), the share of CPU time the hypervisor
     * stole, and the load average when the run started and ended.
     */
    public record Noise(NullPair jvmNullPair, NullPair nativeNullPair, Double stealPercent, List<Double> loadAverageStart,
                        List<Double> loadAverageEnd) {
    }

    /** A null pair's ratio with its interval (null: none) and verdict. */
    public record NullPair(double ratio, Double low, Double high, int forks, String verdict) {
    }

    /**
     * How the run decided: the equivalence margin and confidence level stated in advance, the time
     * budget, and the rule in words. Format 3: the resolution, the spending function and one
     * {@link Sequence} per paired comparison (the null pairs, the claim, the candidates), from
     * which pick, compare and plot recompute the interval each stopped at. Format 2 (Stein's two
     * stages): the pilot's forks and spread, the claim's first stage, its target, spreads and forks.
     */
    public record Design(double marginPercent, double confidencePercent, Double budgetSeconds, Integer pilotForks,
                         Double pilotSpreadPercent, Integer claimFirstStageForks, Double targetHalfWidthPercent,
                         Map<String, Double> claimSpreadPercent, Map<String, Integer> claimForks, Integer candidateForks,
                         String rule, Double resolutionPercent, String spending, List<Sequence> sequences) {
        public Design(double marginPercent, double confidencePercent, Double budgetSeconds, String rule, Double resolutionPercent,
                      String spending, List<Sequence> sequences) {
            this(marginPercent, confidencePercent, budgetSeconds, null, null, null, null, null, null, null, rule,
                    resolutionPercent, spending, sequences);
        }

        /**
         * The sequence of an ordering-points comparison (strategy against plain on a backend), if the run decided it
         * sequentially: never the concurrent workload's, whose strategy and backend it shares.
         */
        public Optional<Sequence> sequence(String strategy, String backend) {
            return sequence(strategy, backend, null);
        }

        /** The sequence of a comparison on {@code workload} ({@link Sequence#CONCURRENT}; null: the ordering points). */
        public Optional<Sequence> sequence(String strategy, String backend, String workload) {
            return sequences == null ? Optional.empty() : sequences.stream()
                    .filter(s -> s.strategy().equals(strategy) && s.backend().equals(backend)
                            && Objects.equals(s.workload(), workload)).findFirst();
        }
    }

    /**
     * One paired comparison decided sequentially: which (strategy against plain on a backend, and
     * its role: null pair, claim or candidate), the first look's forks and spread, the forks its
     * plan allowed at most and why, the looks it ran, and why it stopped; and the workload it was measured on (null, as
     * in every file written before the concurrent pairing: the ordering points; {@link #CONCURRENT}: the concurrent
     * multi-vCPU workload, decided at its 1-vCPU setting).
     */
    public record Sequence(String strategy, String backend, String role, int firstLookForks, Double firstLookSpreadPercent,
                           int maxForks, double targetHalfWidthPercent, List<Integer> plannedLooks, List<Double> plannedZ,
                           List<Look> looks, String stop, String workload) {
        /** The workload of a comparison on the concurrent multi-vCPU benchmark ({@code ConcurrentPairedBench}). */
        public static final String CONCURRENT = "concurrent";

        /** An ordering-points comparison ({@code PairedBench}). */
        public Sequence(String strategy, String backend, String role, int firstLookForks, Double firstLookSpreadPercent,
                        int maxForks, double targetHalfWidthPercent, List<Integer> plannedLooks, List<Double> plannedZ,
                        List<Look> looks, String stop) {
            this(strategy, backend, role, firstLookForks, firstLookSpreadPercent, maxForks, targetHalfWidthPercent, plannedLooks,
                    plannedZ, looks, stop, null);
        }
    }

    /**
     * A look that ran: forks in all so far, its Z boundary, that boundary as a t critical value
     * (null: one fork, or a boundary no look could cross), and its word.
     */
    public record Look(int forks, Double z, Double critical, String word) {
    }

    public EnvRecord ended(String when, boolean whole) {
        return new EnvRecord(formatVersion, ringorderVersion, gitCommit, profile, start, when, whole, arch, cpu, cores,
                kernel, os, governor, jvm, hsdis, perf, kvm, pinnedCpus, emulated, noise, design);
    }

    public EnvRecord withNoise(Noise n) {
        return new EnvRecord(formatVersion, ringorderVersion, gitCommit, profile, start, end, completed, arch, cpu, cores,
                kernel, os, governor, jvm, hsdis, perf, kvm, pinnedCpus, emulated, n, design);
    }

    public EnvRecord withDesign(Design d) {
        return new EnvRecord(formatVersion, ringorderVersion, gitCommit, profile, start, end, completed, arch, cpu, cores,
                kernel, os, governor, jvm, hsdis, perf, kvm, pinnedCpus, emulated, noise, d);
    }
}
