package org.ringorder.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ringorder.results.JmhResult;
import org.ringorder.results.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultTest {
    @TempDir
    Path dir;

    private static final String ONE = """
            [ { "benchmark" : "org.ringorder.bench.ResetBench.reset", "mode" : "avgt",
                "params" : { "strategy" : "plain", "ringSize" : "4096", "vcpus" : "8" },
                "primaryMetric" : { "score" : 65536.0, "scoreError" : 3276.8,
                  "scoreConfidence" : [ 62259.2, 68812.8 ], "scoreUnit" : "ns/op" } } ]
            """;

    @Test
    void perEntryDividesByEveryRingsEntries() throws Exception {
        Path f = dir.resolve("r.json");
        Files.writeString(f, ONE);
        List<JmhResult> rs = JmhResult.read(f);
        assertEquals(1, rs.size());
        JmhResult r = rs.get(0);
        assertEquals("Reset.reset", r.shortName());
        assertEquals(4096L * 8, r.entriesPerCall());
        assertEquals(2.0, r.perEntry(), 1e-12);
        assertEquals(0.1, r.perEntryError(), 1e-12);
        assertEquals(1.9, r.perEntryLow(), 1e-12);
        assertEquals(2.1, r.perEntryHigh(), 1e-12);
    }

    @Test
    void aTruncatedFileIsOneClearError() throws Exception {
        Path f = dir.resolve("cut.json");
        Files.writeString(f, ONE.substring(0, ONE.length() / 2));
        UserError e = assertThrows(UserError.class, () -> JmhResult.read(f));
        assertTrue(e.getMessage().startsWith(f + " is not complete JSON (truncated?)"), e.getMessage());
    }

    @Test
    void aForeignFileIsOneClearError() throws Exception {
        Path f = dir.resolve("foreign.json");
        Files.writeString(f, "{\"hello\": 1}");
        assertEquals(f + " is not JMH results: expected a JSON array of benchmark results",
                assertThrows(UserError.class, () -> JmhResult.read(f)).getMessage());
        Files.writeString(f, "[{\"hello\": 1}]");
        assertEquals(f + " is not JMH results: an entry lacks benchmark, params or primaryMetric",
                assertThrows(UserError.class, () -> JmhResult.read(f)).getMessage());
    }
}
