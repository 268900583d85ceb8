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

/** A run directory that is missing, empty, truncated or foreign is one clear line. */
class RunTest {
    @TempDir
    Path dir;

    private String error(Path p) {
        return assertThrows(UserError.class, () -> Run.load(p)).getMessage();
    }

    @Test
    void missing() {
        Path p = dir.resolve("nope");
        assertEquals("no run directory " + p + " (give a directory written by ./ringorder run)", error(p));
    }

    @Test
    void empty() {
        assertEquals(dir + " is empty: not a ringorder run directory (./ringorder run writes one)", error(dir));
    }

    @Test
    void noEnv() throws Exception {
        Files.writeString(dir.resolve("jmh.json"), Json.text(List.of()));
        assertEquals(dir + " has no env.json: not a ringorder run directory (./ringorder run writes one)", error(dir));
    }

    @Test
    void truncatedEnv() throws Exception {
        Files.writeString(dir.resolve("env.json"), Json.text(RunFixtures.env("x86_64", true, 2)).substring(0, 30));
        assertTrue(error(dir).startsWith(dir.resolve("env.json") + " is not complete JSON (truncated?)"), error(dir));
    }

    @Test
    void foreignEnv() throws Exception {
        Files.writeString(dir.resolve("env.json"), Json.text(Map.of("name", "something else")));
        assertEquals(dir.resolve("env.json") + " is not a ringorder env.json: it has no results-format version", error(dir));
    }

    @Test
    void truncatedJmh() throws Exception {
        RunFixtures.write(dir, "x86_64", true, 1, new RunFixtures.Row("Reset", "plain", 4096, 1, 3, 0.1));
        String full = Files.readString(dir.resolve("jmh.json"));
        Files.writeString(dir.resolve("jmh.json"), full.substring(0, full.length() / 2));
        assertEquals(true, error(dir).startsWith(dir.resolve("jmh.json") + " is not complete JSON (truncated?)"));
    }

    @Test
    void aRunOfFormatVersionOneStillLoadsWithEveryPart() {
        // a copy of the reference run ringorder shipped before the paired verdicts (charts and report left out)
        Run run = Run.load(Path.of("src/test/resources/format-v1-run"));
        assertEquals(1, run.formatVersion());
        assertEquals(207 - 1, run.results().stream().mapToLong(r -> r.workload() ? r.secondary().size() : 2).sum(),
                "every figure of its figures.csv");
        assertEquals(6, run.stress().size());
        assertEquals(6, run.kvm().size());
        assertTrue(run.asm().size() > 100);
        assertEquals("kvm_pvm", run.kvmFlavour());
        assertEquals("x86_64 Intel(R) Xeon(R) Processor, JDK 17", run.label());
        Pick.Result pick = Pick.pick(List.of(run));
        assertTrue(pick.flag().isPresent(), pick.why());
        assertTrue(pick.claims().get(0).startsWith("acquire-load on x86_64, JDK 17: inconclusive"), pick.claims().get(0));
        assertTrue(pick.warnings().get(0).contains("results-format 1: the machine's noise was not measured"), pick.warnings().toString());
    }

    @Test
    void missingJmh() throws Exception {
        RunFixtures.write(dir, "x86_64", true, 1);
        Files.delete(dir.resolve("jmh.json"));
        assertEquals("no " + dir.resolve("jmh.json") + ": the run directory lacks JMH's results", error(dir));
    }
}
