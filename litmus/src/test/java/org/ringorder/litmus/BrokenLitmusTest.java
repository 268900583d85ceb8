package org.ringorder.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.LitmusRecord;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;

/**
 * The litmus harness can see a bad outcome: acquire-load with its RESET store moved before the
 * payload read, in program order, shows the next lap's payload under jcstress (one JVM
 * configuration, mode quick: about a minute). Without this, a table of zeros would prove nothing.
 */
class BrokenLitmusTest {
    @TempDir
    Path dir;

    @Test
    void jcstressSeesTheBrokenOrdering() {
        List<String> cmd = Jvm.current().mainOfThisClasspath(null, List.of(), LitmusMain.class.getName(),
                List.of("quick", "org\\.ringorder\\.litmus\\.broken\\..*", "-jvmArgs", "-XX:+UseSerialGC"));
        Path log = dir.resolve("log");
        ChildProcess.Result r = ChildProcess.of("the broken litmus test", cmd).directory(dir).log(log)
                .limit(Duration.ofMinutes(5)).run();
        assertEquals(0, r.exitCode(), "see " + log); // the bad outcome is ACCEPTABLE_INTERESTING for a broken strategy: it held
        List<LitmusRecord> tests = Json.readList(dir.resolve(LitmusMain.SUMMARY), LitmusRecord.class, "litmus results");
        assertEquals(1, tests.size(), tests.toString());
        LitmusRecord t = tests.get(0);
        assertTrue(t.samples() > 0, t.toString());
        assertTrue(t.badSamples() > 0, "jcstress saw the collector read the next lap: " + t);
    }
}
