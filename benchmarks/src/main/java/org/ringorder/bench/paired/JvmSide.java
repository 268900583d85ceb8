package org.ringorder.bench.paired;

import org.ringorder.ring.DirtyRing;
import org.ringorder.ring.DirtyRingVm;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.ring.Reaper;
import org.ringorder.ring.RingFixtures;
import org.ringorder.ring.SlotBitmap;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * The JVM backend's side: the Java reaper and reset under one strategy, the same code paths as
 * {@code HarvestBench} and {@code ResetBench}. Always loaded by an {@link IsolatingLoader} of its
 * own ({@link #load}), never by the benchmark's loader.
 */
public final class JvmSide implements PairSide {
    private final DirtyRingVm vm;
    private final DirtyRing[] rings;
    private final Reaper reaper;
    private final OffsetPattern pattern;
    private final int entries;

    public JvmSide(String strategy, int ringSize, int vcpus, String roles, String pattern) {
        ResetStrategy s = Strategies.byName(strategy);
        this.pattern = OffsetPattern.byName(pattern);
        this.vm = new DirtyRingVm(vcpus, ringSize, DirtyRing.RSVD_ENTRIES, "heap", Roles.byName(roles).kernel(s));
        this.rings = vm.rings();
        this.reaper = new Reaper(s, new SlotBitmap(1, OffsetPattern.NPAGES));
        this.entries = ringSize * vcpus;
    }

    /** A side in a class loader of its own. */
    static PairSide load(String name, String strategy, int ringSize, int vcpus, String roles, String pattern) {
        return IsolatingLoader.instance(name, PairSide.class, JvmSide.class,
                new Class<?>[] {String.class, int.class, int.class, String.class, String.class}, strategy, ringSize, vcpus, roles, pattern);
    }

    @Override
    public void cycle(long[] nanos) {
        arm();
        long t0 = System.nanoTime();
        int harvested = reaper.reapAll(rings);
        long t1 = System.nanoTime();
        int reset = vm.resetDirtyRings();
        long t2 = System.nanoTime();
        if (harvested != entries || reset != entries) {
            throw new IllegalStateException("a pass processed " + harvested + " (harvest) and " + reset
                    + " (reset) entries, expected " + entries);
        }
        nanos[0] += t1 - t0;
        nanos[1] += t2 - t1;
    }

    /** Every ring full of DIRTY entries; kept out of line (CompileCommand) so C2 cannot forward these stores into the passes. */
    void arm() {
        for (int v = 0; v < rings.length; v++) {
            RingFixtures.drained(rings[v]);
            RingFixtures.pushed(rings[v], v, rings[v].size(), pattern);
        }
    }

    @Override
    public int entries() {
        return entries;
    }
}
