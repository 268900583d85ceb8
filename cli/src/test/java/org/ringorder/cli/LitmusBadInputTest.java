package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringorder litmus}: bad input is one line, exit status 2, and nothing is written or overwritten. */
class LitmusBadInputTest {
    @TempDir
    Path out;

    private CliTestSupport.Run litmus(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "litmus";
        System.arraycopy(args, 0, full, 1, args.length);
        return CliTestSupport.run(full);
    }

    @Test
    void anUnknownModeIsRefused() throws Exception {
        CliTestSupport.Run r = litmus("--mode", "fast", "--out", out.toString());
        assertEquals(2, r.status());
        assertEquals("ringorder: unknown --mode 'fast': expected one of sanity, quick, default, tough, stress", r.err().strip());
        assertEquals(0, Files.list(out).count(), "nothing written");
    }

    @Test
    void anUnknownStrategyIsRefused() throws Exception {
        CliTestSupport.Run r = litmus("--strategy", "relaxed", "--out", out.toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ringorder: unknown strategy 'relaxed'"), r.err());
        assertEquals(0, Files.list(out).count(), "nothing written");
    }

    @Test
    void earlierResultsAreNeverOverwritten() throws Exception {
        Path earlier = Files.createDirectory(out.resolve("litmus"));
        Files.writeString(earlier.resolve("litmus.json"), "[]");
        CliTestSupport.Run r = litmus("--mode", "sanity", "--strategy", "plain", "--out", out.toString());
        assertEquals(2, r.status());
        assertEquals("ringorder: " + earlier + " already exists: choose another --out (earlier results are never overwritten)",
                r.err().strip());
        assertEquals("[]", Files.readString(earlier.resolve("litmus.json")));
    }
}
