package org.ringorder.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
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
        Files.writeString(dir.resolve("jmh.json"), "[]");
        assertEquals(dir + " has no env.json: not a ringorder run directory (./ringorder run writes one)", error(dir));
    }

    @Test
    void truncatedEnv() throws Exception {
        Files.writeString(dir.resolve("env.json"), "{\"formatVersion\": 1, \"arch\": \"x8");
        assertEquals(dir.resolve("env.json") + " is not complete JSON (truncated?)", error(dir));
    }

    @Test
    void foreignEnv() throws Exception {
        Files.writeString(dir.resolve("env.json"), "{\"name\": \"something else\"}");
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
    void missingJmh() throws Exception {
        RunFixtures.write(dir, "x86_64", true, 1);
        Files.delete(dir.resolve("jmh.json"));
        assertEquals("no " + dir.resolve("jmh.json") + ": the run directory lacks JMH's results", error(dir));
    }
}
