package org.ringorder.bench.paired;

import org.ringorder.bench.NativeVm;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.Roles;

/** The native backend's side: the same harvest and reset in C for one strategy, one JNI call per ring pass. */
final class NativeSide implements PairSide {
    private final NativeVm vm;
    private final OffsetPattern pattern;
    private final int entries;

    NativeSide(String strategy, int ringSize, int vcpus, String roles, String pattern) {
        this.vm = new NativeVm(vcpus, ringSize, Roles.byName(roles), strategy);
        this.pattern = OffsetPattern.byName(pattern);
        this.entries = ringSize * vcpus;
    }

    @Override
    public void cycle(long[] nanos) {
        vm.pushed(pattern);
        long t0 = System.nanoTime();
        int harvested = vm.reapAll();
        long t1 = System.nanoTime();
        int reset = vm.resetDirtyRings();
        long t2 = System.nanoTime();
        if (harvested != entries || reset != entries) {
            throw new IllegalStateException("a native pass processed " + harvested + " (harvest) and " + reset
                    + " (reset) entries, expected " + entries);
        }
        nanos[0] += t1 - t0;
        nanos[1] += t2 - t1;
    }

    @Override
    public int entries() {
        return entries;
    }

    void close() {
        vm.close();
    }
}
