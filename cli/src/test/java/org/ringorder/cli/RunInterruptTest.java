package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.results.JmhResult;

/**
 * A run interrupted with SIGINT (what Ctrl-C sends) after its first part keeps that part, says
 * it is incomplete, and plot and compare say so too.
 */
class RunInterruptTest {
    @TempDir
    Path results;

    @Test
    void anInterruptedRunKeepsWhatFinishedAndIsMarkedIncomplete() throws Exception {
        Jvm jvm = Jvm.current();
        List<String> cmd = new ArrayList<>(List.of(jvm.java.toString()));
        cmd.addAll(jvm.hostOptions());
        cmd.addAll(List.of("-Djava.awt.headless=true", "-Dringorder.home=" + Home.dir(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--profile", "smoke", "--out", results.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.append(line).append('\n');
                if (line.contains("part 2 of ")) {
                    // SIGINT, as Ctrl-C sends; the CLI's shutdown hooks end JMH and finish the directory
                    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).inheritIO().start().waitFor();
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), out.toString());
        assertTrue(out.toString().matches("(?s).*interrupted: kept 1 of \\d+ parts.*"), out.toString());
        Path dir;
        try (Stream<Path> dirs = Files.list(results)) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), "only the run directory, no .part left: " + all);
            dir = all.get(0);
        }
        var env = JsonParser.parseString(Files.readString(dir.resolve("env.json"))).getAsJsonObject();
        assertFalse(env.get("completed").getAsBoolean());
        assertFalse(env.get("end").isJsonNull());
        List<JmhResult> rs = JmhResult.read(dir.resolve("jmh.json"));
        assertEquals(12, rs.size(), "the reset part, whole");
        assertTrue(rs.stream().allMatch(r -> r.shortName().equals("Reset.reset")));
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
