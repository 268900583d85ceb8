package org.ringorder.evidence;

import java.util.List;
import java.util.Map;

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

    /** {@code /dev/kvm} on the machine: whether it exists and which module serves it. */
    public record KvmInfo(boolean present, Boolean accessible, List<String> modules, String flavour) {
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
     * budget, the forks the pilot (the null pairs) ran and the between-fork spread it measured; for
     * the claim (two stages), the first stage's forks, the widest interval allowed, each backend's
     * first-stage spread and the forks it asked for in all; the forks of every other candidate.
     */
    public record Design(double marginPercent, double confidencePercent, Double budgetSeconds, Integer pilotForks,
                         Double pilotSpreadPercent, Integer claimFirstStageForks, Double targetHalfWidthPercent,
                         Map<String, Double> claimSpreadPercent, Map<String, Integer> claimForks, Integer candidateForks,
                         String rule) {
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
