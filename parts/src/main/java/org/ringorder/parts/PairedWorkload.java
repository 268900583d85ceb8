package org.ringorder.parts;

import java.util.ArrayList;
import java.util.List;
import org.ringorder.evidence.ClaimSetting;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.jni.NativeRing;

/**
 * What a decision group's paired comparisons run: the ordering points alone ({@code PairedBench}:
 * one thread's harvest + reset cycles, where the flag's rule is decided), or the concurrent
 * workload ({@code ConcurrentPairedBench}: vCPU threads and the collector on cores of their own,
 * context for the claim). Each has its JMH include, its params at the claim's setting and its
 * forks' iterations.
 */
enum PairedWorkload {
    ORDERING_POINTS(null, "\\.PairedBench\\.pair$", "the ordering points"),
    CONCURRENT(EnvRecord.Sequence.CONCURRENT, "\\.ConcurrentPairedBench\\.pair$", "the concurrent workload");

    /** The workload's name in env.json's sequences (null: the ordering points, as runs before it had one). */
    final String id;
    final String include;
    final String words;

    PairedWorkload(String id, String include, String words) {
        this.id = id;
        this.include = include;
        this.words = words;
    }

    /** JMH's params for {@code strategies} against plain on {@code backend}, at the claim's setting (one vCPU). */
    List<String> params(String strategies, String backend) {
        if (this == ORDERING_POINTS) {
            return Plan.paired(strategies, backend);
        }
        return concurrentParams(strategies, backend, ClaimSetting.CLAIM.vcpus());
    }

    /** The concurrent workload's params at {@code vcpus} vCPU threads. */
    static List<String> concurrentParams(String strategies, String backend, int vcpus) {
        ClaimSetting c = ClaimSetting.CLAIM;
        return new ArrayList<>(List.of("-p", "strategy=" + strategies, "-p", "backend=" + backend, "-p", "reference=" + c.reference(),
                "-p", "ringSize=" + c.ringSize(), "-p", "vcpus=" + vcpus, "-p", "pattern=" + c.pattern().flag(), "-p", "pin=" + pin()));
    }

    /** Each thread pinned to its CPU (sched_setaffinity, through the native library), or, without the library, placed by the scheduler. */
    static String pin() {
        return NativeRing.unavailable().isEmpty() ? "threads" : "none";
    }

    /** A fork's JMH iterations on {@code backend}. */
    List<String> iterations(Profile profile, String backend) {
        return this == ORDERING_POINTS ? profile.pairedIterations(backend) : profile.concurrentIterations(backend);
    }

    /** A fork's seconds on {@code backend}, its JVM's start included. */
    double secondsPerFork(Profile profile, String backend) {
        return this == ORDERING_POINTS ? profile.pairedSecondsPerFork(backend) : profile.concurrentSecondsPerFork(backend);
    }
}
