package org.ringorder.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * The reset's and the harvest's shared grid: {@code vcpus} rings per call, the roles (the strategy
 * orders both sides, or only userspace's with Linux's kernel side), and the pages the vCPUs dirty.
 */
public abstract class VmBenchmark extends RingBenchmark {
    @Param({"1", "8", "64"})
    public int vcpus;

    @Param({"all", "userspace"})
    public String roles;

    @Param({"sequential"})
    public String pattern;
}
