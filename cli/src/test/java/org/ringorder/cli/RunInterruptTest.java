package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.Run;
import org.ringorder.jni.NativeRing;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.Home;

/**
 * A run interrupted (SIGTERM, whose shutdown path Ctrl-C's SIGINT shares) after its first part keeps that part, says
 * it is incomplete, and plot and compare say so too.
 */
class RunInterruptTest {
    @TempDir
    Path results;

    @Test
    void anInterruptedRunKeepsWhatFinishedAndIsMarkedIncomplete() throws Exception {
        List<String> cmd = Jvm.current().mainOfThisClasspath(null, List.of("-Djava.awt.headless=true",
                "-Dringorder.home=" + Home.dir()), Main.class.getName(), List.of("run", "--profile", "smoke", "--out", results.toString()));
        AtomicReference<ProcessHandle> child = new AtomicReference<>();
        List<String> out = new ArrayList<>();
        ChildProcess.Result r = ChildProcess.of("the interrupted run", cmd).limit(Duration.ofMinutes(3)).started(child::set).lines(line -> {
            out.add(line);
            if (line.contains("part 2 of ")) {
                // SIGTERM runs the same shutdown hooks as Ctrl-C's SIGINT (they end JMH and finish the directory);
                // SIGINT itself is ignored by a JVM that a shell started in the background, as CI jobs may be
                ChildProcess.of("kill", List.of("kill", "-TERM", String.valueOf(child.get().pid()))).run();
            }
        }).run();
        String said = String.join("\n", out);
        assertNotEquals(0, r.exitCode(), said);
        assertTrue(said.matches("(?s).*interrupted: kept the 1 of \\d+ parts that finished.*"), said);
        Path dir;
        try (Stream<Path> dirs = Files.list(results)) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), "only the run directory, no .part left: " + all);
            dir = all.get(0);
        }
        Run run = Run.load(dir);
        assertFalse(run.completed());
        assertTrue(run.env().end() != null);
        List<JmhResult> rs = run.results();
        assertEquals(NativeRing.unavailable().isEmpty() ? 2 : 1, rs.size(), "the pilot part, whole: a null pair per backend");
        assertTrue(rs.stream().allMatch(JmhResult::paired));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("id=\"incomplete\""));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("charts", "env.json", "figures.csv", "jmh.json", "jmh.log", "report.html"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }

        CliTestSupport.Run plot = CliTestSupport.run("plot", dir.toString());
        assertEquals(0, plot.status(), plot.err());
        assertTrue(plot.out().contains("note: this run is incomplete"), plot.out());
        Path copy = results.resolve("copy");
        RunWorkflowTest.copy(dir, copy);
        Path cmpOut = Files.createDirectory(results.resolve("cmp"));
        CliTestSupport.Run cmp = CliTestSupport.run("compare", dir.toString(), copy.toString(), "--out", cmpOut.toString());
        assertEquals(0, cmp.status(), cmp.err());
        assertTrue(cmp.out().contains("note: " + dir + " is incomplete"), cmp.out());
    }
}
