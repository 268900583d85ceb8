package org.ringorder.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ringorder.evidence.UserError;
import org.ringorder.kvm.Break;
import org.ringorder.kvm.KvmCapabilities;
import org.ringorder.kvm.KvmRun;
import org.ringorder.kvm.Mechanism;

/**
 * The kvm settings' runs without /dev/kvm: the ring alone at its defaults, flat out; the ring
 * against the bitmap paced; the sweep one factor at a time; a bad value one line naming its option.
 */
class KvmSettingsTest {
    @Test
    void theRingAloneRunsFlatOutAtTheDefaults() {
        KvmSettings.Schedule s = KvmSettings.ring(List.of("plain", "acquire-load"), 2).schedule();
        assertTrue(s.ringOnly());
        assertEquals(List.of("plain", "acquire-load"), s.strategies());
        assertEquals(1, s.repeat());
        KvmRun.Workload w = s.workloads().get(0);
        assertEquals(List.of(w), s.workloads());
        assertEquals(new KvmRun.Workload(KvmSettings.VCPUS, KvmSettings.RING_SIZE, KvmSettings.MIB, KvmSettings.MIB,
                KvmRun.WritePattern.SEQUENTIAL, 2000, 0, 0, KvmSettings.WRITES_PER_EXIT, w.clearChunkPages(), Break.NONE), w);
    }

    @Test
    void theSweepVariesOneFactorAtATimeWithBothMechanismsPaced() {
        KvmSettings.Schedule s = KvmSettings.sweep(List.of("plain"), KvmSettings.SWEEP_SECONDS_IN_RUN).schedule();
        assertEquals(List.of(Mechanism.RING, Mechanism.BITMAP), s.mechanisms());
        assertEquals(KvmSettings.SWEEP_REPEAT, s.repeat());
        assertEquals(KvmSettings.SWEEP_SETTINGS, s.workloads().size());
        assertEquals(List.of(256, 64, 1024, 256, 256), s.workloads().stream().map(KvmRun.Workload::dataMiB).toList());
        assertEquals(List.of(32, 32, 32, 8, 96), s.workloads().stream().map(KvmRun.Workload::writesPerExit).toList());
        for (KvmRun.Workload w : s.workloads()) {
            assertEquals(KvmSettings.COMPARING_DIRTY_MIB, w.dirtyMiB());
            assertEquals(KvmSettings.COMPARING_EXIT_INTERVAL_US, w.exitIntervalMicros());
            assertEquals(KvmSettings.COMPARING_REAP_INTERVAL_US, w.reapIntervalMicros());
            assertEquals(1000, w.millis());
        }
    }

    /** Each wrong collection runs on its own mechanism's lines, after the right ones; its child gets it with the line alone. */
    @Test
    void eachBreakIsALineSetOfItsOwnMechanism() {
        KvmSettings s = KvmSettings.ring(List.of("acquire-load"), 1);
        s.mechanisms = List.of("ring", "bitmap");
        s.broken = List.of("none", "drop-last", "clear-after-copy");
        KvmSettings.Schedule schedule = s.schedule();
        KvmCapabilities caps = new KvmCapabilities(0, 1 << 20, 0, 3);
        List<String> bitmap = caps.bitmapModes().stream().map(m -> "bitmap:" + m.flag()).toList();
        List<String> expected = new java.util.ArrayList<>(List.of("ring:acquire-load"));
        expected.addAll(bitmap);
        expected.add("ring:acquire-load@drop-last");
        bitmap.forEach(b -> expected.add(b + "@clear-after-copy"));
        assertEquals(expected, schedule.lines(caps));
        assertEquals(List.of(Break.NONE, Break.DROP_LAST, Break.CLEAR_AFTER_COPY), schedule.breaks());
    }

    @Test
    void aBadValueNamesItsOption() {
        KvmSettings s = KvmSettings.ring(List.of("plain"), 1);
        s.writePattern = "zigzag";
        assertTrue(assertThrows(UserError.class, s::schedule).getMessage().startsWith("unknown --write-pattern 'zigzag'"));
        s.writePattern = KvmSettings.WRITE_PATTERN;
        s.broken = List.of("drop-last");
        s.mechanisms = List.of("bitmap");
        assertEquals("--break drop-last breaks the ring, which --mechanism does not run",
                assertThrows(UserError.class, s::schedule).getMessage());
    }
}
