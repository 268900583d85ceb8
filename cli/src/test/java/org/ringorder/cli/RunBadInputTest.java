package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.RunFixtures;
import org.ringorder.parts.Parts;
import org.ringorder.strategy.Strategies;

/** Bad input to run, plot, compare and pick: one line, exit status 2, no stack trace, nothing written or overwritten. */
class RunBadInputTest {
    @TempDir
    Path dir;

    private void refused(String expected, String... args) throws Exception {
        List<Path> before;
        try (Stream<Path> w = Files.walk(dir)) {
            before = w.toList();
        }
        CliTestSupport.Run r = CliTestSupport.runIn(dir, args);
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("ringorder: " + expected, r.err().strip());
        try (Stream<Path> w = Files.walk(dir)) {
            assertEquals(before, w.toList(), "nothing written");
        }
    }

    private Path fixture(String name, int version) throws Exception {
        return RunFixtures.write(dir.resolve(name), "x86_64", true, version,
                new RunFixtures.Row("Reset", "plain", 4096, 1, 3, 0.1), new RunFixtures.Row("Harvest", "plain", 4096, 1, 2, 0.1));
    }

    @Test
    void runRefusesAnUnknownPartOrStrategy() throws Exception {
        refused("--only kvmm is not a part: expected some of " + String.join(", ", Parts.names()), "run", "--only", "reset,kvmm",
                "--out", dir.toString());
        refused("unknown strategy 'relaxed': expected one of " + String.join(", ", Strategies.NAMES),
                "run", "--strategy", "plain,relaxed", "--out", dir.toString());
        refused("--only litmus: nothing of it runs here under profile quick (kvm needs /dev/kvm; litmus runs under smoke and full)",
                "run", "--only", "litmus", "--out", dir.toString());
    }

    @Test
    void runRefusesAnUnknownProfile() throws Exception {
        refused("unknown profile 'fast': expected quick, full or smoke", "run", "--profile", "fast");
    }

    @Test
    void runRefusesAJvmThatIsNotAJdk() throws Exception {
        refused("--jvm /tmp is not a JDK: there is no executable bin/java under it (give a JDK home such as "
                + "/usr/lib/jvm/temurin-25-jdk-amd64)", "run", "--jvm", "/tmp");
    }

    @Test
    void runRefusesCpusItCannotPinTo() throws Exception {
        refused("--cpus 0-x is not a CPU list: expected e.g. 0-1 or 0,2", "run", "--cpus", "0-x", "--out", dir.toString());
        refused("--cpus 4096 cannot be pinned here (taskset missing, or no such CPUs among the "
                + Runtime.getRuntime().availableProcessors() + " online): drop --cpus or fix the list",
                "run", "--cpus", "4096", "--out", dir.toString());
    }

    @Test
    void stressRefusesBadValues() throws Exception {
        refused("unknown strategy 'fast': expected one of plain, opaque, volatile, acquire-load, full-fence, batched-fence",
                "stress", "--strategy", "fast", "--out", dir.toString());
        refused("--seconds 0.0 is out of range: expected more than 0, at most 86400", "stress", "--seconds", "0", "--out", dir.toString());
        refused("--vcpus 0 is out of range: expected 1..1024", "stress", "--vcpus", "0", "--out", dir.toString());
        refused("unknown roles 'kernel': expected one of all, userspace", "stress", "--roles", "kernel", "--out", dir.toString());
    }

    @Test
    void theMarginAndTheBudgetAreChecked() throws Exception {
        refused("--margin 0.0 is out of range: expected a percentage above 0 and below 100", "pick", "--margin", "0",
                fixture("m", Run.FORMAT_VERSION).toString());
        refused("--budget -5.0 is out of range: expected seconds above 0", "run", "--budget", "-5", "--out", dir.toString());
    }

    @Test
    void runRefusesAnUnwritableOut() throws Exception {
        refused("cannot write to /nonexistent-results: it is not a writable directory (choose another --out)",
                "run", "--out", "/nonexistent-results");
    }

    @Test
    void plotRefusesAMissingOrEmptyDirectory() throws Exception {
        refused("no run directory " + dir.resolve("nope") + " (give a directory written by ./ringorder run)",
                "plot", dir.resolve("nope").toString());
        Files.createDirectory(dir.resolve("empty"));
        refused(dir.resolve("empty") + " is empty: not a ringorder run directory (./ringorder run writes one)",
                "plot", dir.resolve("empty").toString());
    }

    @Test
    void plotRefusesATruncatedOrForeignFile() throws Exception {
        Path run = fixture("run", Run.FORMAT_VERSION);
        String json = Files.readString(run.resolve("jmh.json"));
        Files.writeString(run.resolve("jmh.json"), json.substring(0, 100));
        CliTestSupport.Run r = CliTestSupport.run("plot", run.toString());
        assertEquals(2, r.status());
        assertEquals("ringorder: " + run.resolve("jmh.json") + " is not complete JSON (truncated?): ",
                r.err().strip().substring(0, ("ringorder: " + run.resolve("jmh.json") + " is not complete JSON (truncated?): ").length()));
        Json.write(run.resolve("jmh.json"), Map.of("not", "jmh"));
        refused(run.resolve("jmh.json") + " is not JMH results: expected a JSON array of benchmark results", "plot", run.toString());
        Json.write(run.resolve("env.json"), Map.of("name", "x"));
        refused(run.resolve("env.json") + " is not a ringorder env.json: it has no results-format version", "pick", run.toString());
    }

    @Test
    void compareRefusesAFormatItCannotReadAndLoneRuns() throws Exception {
        Path a = fixture("a", Run.FORMAT_VERSION);
        Path b = fixture("b", Run.FORMAT_VERSION + 1);
        refused(b.resolve("env.json") + " has results-format version " + (Run.FORMAT_VERSION + 1) + ", which this ringorder cannot "
                + "read (it reads " + Run.READABLE + "): use the ringorder that wrote it, or a newer one",
                "compare", a.toString(), b.toString(), "--out", dir.toString());
        refused("compare needs at least two run directories (got 1): to redraw one run, use ./ringorder plot DIR",
                "compare", a.toString());
        refused("cannot write to /nonexistent-out: it is not a writable directory (choose another --out)",
                "compare", a.toString(), a.toString(), "--out", "/nonexistent-out");
    }
}
