package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ring against the bitmap as kvm.json's rows are read: grouped per line and setting over the
 * processes, the interval and range computed from every process's figure, the slot-size and
 * dirty-rate series split around the base setting, broken rows and old ring rows left out.
 */
class KvmMechanismsTest {
    @Test
    void processesOfOneLineAndSettingMakeOnePointWithTheirSpread() {
        List<KvmRecord> rows = new ArrayList<>();
        double[] cpu = {100, 110, 90, 105, 95};
        for (int rep = 1; rep <= 5; rep++) {
            rows.add(row("acquire-load", null, 256, 32, cpu[rep - 1], 0, rep, null));
            rows.add(row(null, "manual-protect", 256, 32, 40 + rep, 0, rep, null));
        }
        KvmMechanisms m = KvmMechanisms.of(rows);
        assertEquals(2, m.points().size());
        KvmMechanisms.Point ring = m.points().get(0);
        assertEquals("ring acquire-load", ring.line());
        assertEquals(5, ring.processes());
        assertEquals(100, ring.cpuNanosPerPage().mean().point(), 1e-9);
        assertEquals(100, ring.cpuNanosPerPage().median(), 1e-9);
        assertEquals(90, ring.cpuNanosPerPage().min(), 1e-9);
        assertEquals(110, ring.cpuNanosPerPage().max(), 1e-9);
        // sd of {100,110,90,105,95} = 7.906; t(0.975, 4) = 2.776; half-width 2.776 * 7.906 / sqrt(5) = 9.82
        assertEquals(90.18, ring.cpuNanosPerPage().mean().low(), 0.01);
        assertEquals(109.82, ring.cpuNanosPerPage().mean().high(), 0.01);
        assertEquals("bitmap manual-protect", m.points().get(1).line());
        assertTrue(m.summary().get(0).startsWith("ring acquire-load at 256 MiB slot, 64 MiB dirty, 32k writes/s: CPU per page collected 100 (95% CI"),
                m.summary().get(0));
        assertTrue(m.summary().get(0).endsWith("migration check clean"), m.summary().get(0));
    }

    @Test
    void theSweepSplitsIntoSlotSizeAndDirtyRateAroundTheBase() {
        List<KvmRecord> rows = new ArrayList<>();
        for (int[] at : new int[][] {{256, 32}, {64, 32}, {1024, 32}, {256, 8}, {256, 96}}) {
            rows.add(row("plain", null, at[0], at[1], 100, 0, 1, null));
            rows.add(row(null, "manual-protect", at[0], at[1], 50, 0, 1, null));
        }
        KvmMechanisms m = KvmMechanisms.of(rows);
        assertEquals(256, m.base().dataMiB());
        assertEquals(List.of(64, 64, 256, 256, 1024, 1024), m.againstSlotSize().stream().map(KvmMechanisms.Point::dataMiB).toList());
        assertEquals(List.of(8000.0, 8000.0, 32000.0, 32000.0, 96000.0, 96000.0),
                m.againstDirtyRate().stream().map(KvmMechanisms.Point::writesPerSecond).toList());
    }

    @Test
    void lostWritesShowAndBrokenOrOldRowsStayOut() {
        List<KvmRecord> rows = List.of(row("plain", null, 256, 32, 100, 3, 1, null), row("plain", null, 256, 32, 100, 7, 1, "drop-last"),
                old());
        KvmMechanisms m = KvmMechanisms.of(rows);
        assertEquals(1, m.points().size());
        assertEquals(3, m.points().get(0).differences());
        assertTrue(m.summary().get(0).endsWith("migration check 3 LOST WRITES"), m.summary().get(0));
        assertFalse(KvmMechanisms.of(List.of(old())).points().iterator().hasNext());
    }

    @Test
    void aGuestThatCannotKeepItsRateIsSaidToFallBehind() {
        KvmRecord slow = row("plain", null, 256, 32, 100, 0, 1, null, 16_000);
        KvmMechanisms m = KvmMechanisms.of(List.of(slow));
        assertTrue(m.points().get(0).fellBehind(), "16k writes/s reached of 32k");
        assertTrue(m.summary().get(0).contains("the guest fell behind (16k writes/s)"), m.summary().get(0));
    }

    /** A row at {@code mib} slot, 64 MiB dirty, {@code wpe} writes per 1 ms tick, a guest that kept the rate. */
    static KvmRecord row(String strategy, String bitmapMode, int mib, int wpe, double cpuPerPage, long differences, int rep,
                         String broken) {
        return row(strategy, bitmapMode, mib, wpe, cpuPerPage, differences, rep, broken, 1000.0 * wpe);
    }

    static KvmRecord row(String strategy, String bitmapMode, int mib, int wpe, double cpuPerPage, long differences, int rep,
                         String broken, double achieved) {
        var c = new KvmRecord.Collection(100, 10_000, cpuPerPage, 200, cpuPerPage / 3, 40, 90, 120, 150, 1000.0 * wpe, 6000, 5800);
        var mig = new KvmRecord.Migration(20_000, 4_000, differences, 0);
        boolean ring = strategy != null;
        return new KvmRecord(ring ? KvmRecord.RING : KvmRecord.BITMAP, strategy, bitmapMode, "userspace",
                ring ? "KVM_CAP_DIRTY_LOG_RING_ACQ_REL" : "KVM_GET_DIRTY_LOG", "x86_64", 4096L, null, rep, broken, 1000, 0, differences,
                new KvmRecord.Capabilities(0, 1 << 20, 0L, "not offered", 3L),
                new KvmRecord.Workload(1, 4096, mib, 64, "sequential", 10_000, wpe, 1000L, 262144L),
                ring ? new KvmRecord.Ring(10_000, 1e4, 100, 100, 0, 0, 0, 0, 0, 0) : null,
                ring ? new KvmRecord.ResetTiming(30, 25, 80, 100) : null, new KvmRecord.Guest((long) achieved, achieved, 16_384), c, mig);
    }

    /** A record written before the bitmap existed: no mechanism, no collection figures. */
    private static KvmRecord old() {
        return new KvmRecord(null, "plain", null, "userspace", "KVM_CAP_DIRTY_LOG_RING", "x86_64", 4096L, null, null, null, 1000, 0, 0,
                new KvmRecord.Capabilities(1 << 20, 0, 0L, "not offered", null),
                new KvmRecord.Workload(1, 4096, 256, null, "sequential", 0, null, null, null),
                new KvmRecord.Ring(100, 100, 10, 10, 0, 0, 0, 0, 0, 0), new KvmRecord.ResetTiming(1, 1, 1, 1),
                new KvmRecord.Guest(100, 100, 100), null, null);
    }
}
