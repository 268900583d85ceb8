package org.ringorder.plot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;

/** The report's instruction table shows every architecture the asm part read, and the emitted-ordering check's findings. */
class ReportAsmTest {
    @Test
    void everyArchitectureAndTheChecksFindings() {
        Run run = Run.load(Path.of("../evidence/src/test/resources/format-v1-run"));
        String html = Report.forRun(run, Pick.pick(List.of(run)), List.of(), Map.of(), Pick.Rule.DEFAULT);
        for (String column : List.of("aarch64 JVM (C2)", "aarch64 native (gcc)", "x86_64 JVM (C2)", "x86_64 native (gcc)")) {
            assertTrue(html.contains("<th>" + column + "</th>"), column);
        }
        assertTrue(html.contains("<ul id=\"asm-check\"><li>aarch64 JVM (C2): plain publishDirty (str w12, [x10, #16]) is weaker "
                + "than the protocol needs (e1): it does not order the slot and offset stores before the DIRTY store</li>"), html);
        assertFalse(html.contains("<li>aarch64 JVM (C2): acquire-load"), "acquire-load keeps its modes and the protocol's orders there");
    }
}
