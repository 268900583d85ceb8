package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.parts.Home;
import org.ringorder.strategy.Safety;

/** The run the project ships under results/reference/ stays readable by this ringorder and gives a verdict. */
class ReferenceRunTest {
    @Test
    void theShippedReferenceRunLoadsAndPicks() throws Exception {
        Path reference = Home.results().resolve("reference");
        List<Path> runs;
        try (Stream<Path> dirs = Files.list(reference)) {
            runs = dirs.filter(Files::isDirectory).toList();
        }
        assertEquals(1, runs.size(), "one curated reference run: " + runs);
        Run run = Run.load(runs.get(0));
        assertEquals(Run.FORMAT_VERSION, run.formatVersion(), "refresh the reference run when the format changes");
        assertTrue(run.completed());
        assertEquals("quick", run.env().profile());
        Pick.Result pick = Pick.pick(List.of(run));
        assertTrue(Safety.of(pick.flag().orElseThrow()).safe());
        assertEquals(2, pick.claims().stream().filter(c -> !c.contains("read under QEMU")).count(),
                "the JVM's claim and the native backend's: " + pick.claims());
        assertTrue(pick.claims().get(1).contains("C (gcc)"), pick.claims().toString());
        assertTrue(pick.warnings().stream().noneMatch(w -> w.contains("null pair")), "its null pairs came out free: " + pick.warnings());
        assertTrue(run.env().noise().jvmNullPair().verdict().startsWith("free"), "its null pair came out free");
        for (String f : List.of("report.html", "figures.csv", "charts/claim.png", "charts/claim.svg", "charts/cost.png",
                "charts/cost.svg", "charts/relative.png", "charts/backends.png", "charts/jvm-over-native.svg", "asm.json", "stress.json")) {
            assertTrue(Files.isRegularFile(run.dir().resolve(f)), f);
        }
        if (!run.kvm().isEmpty()) {
            assertTrue(Files.isRegularFile(run.dir().resolve("charts/kvm.png")), "charts/kvm.png");
        }
        // every comparison of the decision is on record with its looks, and pick recomputes the interval it stopped at
        assertTrue(run.env().design().sequences().size() >= 4, "null pairs and claims: " + run.env().design().sequences());
        assertTrue(pick.claims().get(0).matches(".*\\(95% repeated CI [^,]+, look \\d+ of \\d+, \\d+ forks, paired.*"), pick.claims().get(0));
    }
}
