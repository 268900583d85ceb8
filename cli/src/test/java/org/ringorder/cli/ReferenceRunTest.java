package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ringorder.results.Pick;
import org.ringorder.results.Run;
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
        assertEquals("quick", run.text("profile"));
        Pick.Result pick = Pick.pick(List.of(run));
        assertTrue(Safety.of(pick.flag().orElseThrow()).safe());
        assertEquals(2, pick.claims().size(), "the JVM's claim and the native backend's: " + pick.claims());
        assertTrue(pick.claims().get(1).contains("C (gcc)"), pick.claims().toString());
        for (String f : List.of("report.html", "figures.csv", "charts/cost.png", "charts/cost.svg", "charts/relative.png",
                "charts/backends.png", "charts/jvm-over-native.svg", "asm.json", "charts/kvm.png")) {
            assertTrue(Files.isRegularFile(run.dir().resolve(f)), f);
        }
    }
}
