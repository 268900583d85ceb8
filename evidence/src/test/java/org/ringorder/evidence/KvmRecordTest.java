package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kvm.json in its groups: the flat form every earlier ringorder wrote still loads, each value in
 * its group (results-format 1's ring rows, and the mechanisms comparison's ring and bitmap rows);
 * the nested form is written and read back whole, with the fields CI greps for.
 */
class KvmRecordTest {
    @TempDir
    Path dir;

    @Test
    void aFormatOneFlatFileLoadsIntoTheGroups() {
        List<KvmRecord> rows = Json.readList(Path.of("src/test/resources/format-v1-run/kvm.json"), KvmRecord.class, "kvm results");
        assertEquals(6, rows.size());
        KvmRecord plain = rows.get(0);
        assertEquals("plain", plain.strategy());
        assertTrue(plain.isRing(), "a record from before the bitmap is the ring's");
        assertEquals(1048576, plain.capabilities().capDirtyLogRing());
        assertEquals(1048576, plain.capabilities().capDirtyLogRingAcqRel());
        assertNull(plain.capabilities().capManualDirtyLogProtect2());
        assertEquals(4096, plain.workload().ringSize());
        assertEquals(256, plain.workload().dataMiB());
        assertEquals("sequential", plain.workload().pattern());
        assertEquals(2022, plain.millis());
        assertEquals(561152, plain.ring().harvested());
        assertEquals(548803, plain.ring().resetCalls());
        assertEquals(0.506, plain.resetTiming().p99Micros());
        assertEquals(277523.2, plain.guest().writesPerSecond());
        assertEquals(65536, plain.guest().pagesWritten());
        assertEquals(0, plain.violations());
        assertNull(plain.collection());
        assertNull(plain.migration());
    }

    @Test
    void theMechanismsComparisonLoadsItsRingAndBitmapRows() {
        List<KvmRecord> rows = Json.readList(Path.of("../results/kvm-mechanisms/kvm.json"), KvmRecord.class, "kvm results");
        assertEquals(100, rows.size());
        KvmRecord ring = rows.get(0);
        assertEquals("ring plain", ring.line());
        assertEquals(64, ring.workload().dirtyMiB());
        assertEquals(32, ring.workload().writesPerExit());
        assertEquals(1000L, ring.workload().exitIntervalMicros());
        assertEquals(3L, ring.capabilities().capManualDirtyLogProtect2());
        assertEquals(64384, ring.ring().harvested());
        assertEquals(85.439, ring.resetTiming().p99Micros());
        assertEquals(156, ring.collection().cycles());
        assertEquals(48000, ring.migration().resent());
        KvmRecord bitmap = rows.stream().filter(r -> !r.isRing()).findFirst().orElseThrow();
        assertEquals("bitmap manual-protect", bitmap.line());
        assertNull(bitmap.ring(), "the flat form's zeros in the ring's fields are no ring");
        assertNull(bitmap.resetTiming());
        assertEquals(64256, bitmap.guest().writes());
        assertEquals(64256, bitmap.migration().copies());
        assertEquals(List.of(64, 256, 1024), KvmMechanisms.of(rows).againstSlotSize().stream()
                .filter(p -> p.mechanism().equals(KvmRecord.BITMAP)).map(KvmMechanisms.Point::dataMiB).distinct().toList());
    }

    @Test
    void theNestedFormIsWrittenAndReadBackWithTheFieldsCiGrepsFor() throws Exception {
        KvmRecord row = KvmMechanismsTest.row(null, "manual-protect", 256, 32, Double.NaN, 0, 1, null);
        Path file = dir.resolve("kvm.json");
        Json.write(file, List.of(row));
        String text = Files.readString(file);
        assertTrue(text.contains("\"capabilities\": {"), text);
        assertTrue(text.contains("\"capDirtyLogRing\": 0,") && text.contains("\"capDirtyLogRingAcqRel\": 1048576,"), text);
        assertTrue(text.contains("\"violations\": 0"), text);
        assertFalse(text.contains("\"harvested\""), "a bitmap row has no ring figures");
        assertEquals(List.of(row), Json.readList(file, KvmRecord.class, "kvm results"), "NaN included: a cost with no pages");
    }
}
