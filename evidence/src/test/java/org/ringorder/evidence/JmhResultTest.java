package org.ringorder.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.stats.Basis;
import org.ringorder.evidence.stats.Mean;

class JmhResultTest {
    @TempDir
    Path dir;

    /** One result in JMH's own {@code -rf json} shape: three forks of two iterations. */
    private static String one() throws Exception {
        return Files.readString(Path.of("src/test/resources/jmh-sample.json"));
    }

    @Test
    void perEntryDividesByEveryRingsEntries() throws Exception {
        Path f = dir.resolve("r.json");
        Files.writeString(f, one());
        List<JmhResult> rs = JmhResult.read(f);
        assertEquals(1, rs.size());
        JmhResult r = rs.get(0);
        assertEquals("Reset.reset", r.shortName());
        assertEquals(4096L * 8, r.entriesPerCall());
        Mean m = r.perEntry();
        assertEquals(2.0, m.value(), 1e-12);
        assertEquals(3, m.forks(), "one observation per fork");
        assertEquals(Basis.FORKS, m.basis());
        assertEquals(0.125 / Math.sqrt(3), m.se(), 1e-12, "the forks' 1.875, 2.0, 2.125 ns/entry");
    }

    @Test
    void aTruncatedFileIsOneClearError() throws Exception {
        Path f = dir.resolve("cut.json");
        Files.writeString(f, one().substring(0, one().length() / 2));
        UserError e = assertThrows(UserError.class, () -> JmhResult.read(f));
        assertTrue(e.getMessage().startsWith(f + " is not complete JSON (truncated?)"), e.getMessage());
    }

    @Test
    void aForeignFileIsOneClearError() throws Exception {
        Path f = dir.resolve("foreign.json");
        Json.write(f, Map.of("hello", 1));
        assertEquals(f + " is not JMH results: expected a JSON array of benchmark results",
                assertThrows(UserError.class, () -> JmhResult.read(f)).getMessage());
        Json.write(f, List.of(Map.of("hello", 1)));
        assertEquals(f + " is not JMH results: an entry lacks benchmark, params or primaryMetric",
                assertThrows(UserError.class, () -> JmhResult.read(f)).getMessage());
    }
}
