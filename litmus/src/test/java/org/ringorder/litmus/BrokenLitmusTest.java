package org.ringorder.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The litmus harness can see a bad outcome: acquire-load with its RESET store moved before the
 * payload read, in program order, shows the next lap's payload under jcstress (one JVM
 * configuration, mode quick: about a minute). Without this, a table of zeros would prove nothing.
 */
class BrokenLitmusTest {
    @TempDir
    Path dir;

    @Test
    void jcstressSeesTheBrokenOrdering() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LitmusMain.class.getName(),
                "quick", "org\\.ringorder\\.litmus\\.broken\\..*", "-jvmArgs", "-XX:+UseSerialGC")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        int status = p.waitFor();
        String log = Files.readString(dir.resolve("log"));
        assertEquals(0, status, log); // the bad outcome is ACCEPTABLE_INTERESTING for a broken strategy: it held
        List<JsonObject> tests = JsonParser.parseString(Files.readString(dir.resolve(LitmusMain.SUMMARY)))
                .getAsJsonArray().asList().stream().map(e -> e.getAsJsonObject()).toList();
        assertEquals(1, tests.size(), tests.toString());
        JsonObject t = tests.get(0);
        assertTrue(t.get("samples").getAsLong() > 0, t.toString());
        assertTrue(t.get("badSamples").getAsLong() > 0, "jcstress saw the collector read the next lap: " + t);
    }
}
