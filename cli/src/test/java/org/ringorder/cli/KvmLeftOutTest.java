package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.Run;
import org.ringorder.parts.EnvProbe;

/**
 * Where the kernel's ring cannot run (no /dev/kvm, no permission, no ring), a run says so in one
 * line with the command that runs it under emulation, records why in env.json, and its report's
 * kvm section says the same: the part is left out, never silently.
 */
class KvmLeftOutTest {
    @TempDir
    Path out;

    @Test
    void aRunSaysWhyTheKvmPartIsLeftOutAndHowToRunItUnderEmulation() throws IOException {
        String why = EnvProbe.kvm().unusable();
        assumeTrue(why != null, "/dev/kvm works here: the kvm part runs");
        CliTestSupport.Run r = CliTestSupport.run("run", "--profile", "smoke", "--only", "stress,kvm", "--strategy", "plain",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> said = r.err().lines().filter(l -> l.startsWith("ringorder: kvm part left out: ")).toList();
        assertEquals(List.of("ringorder: kvm part left out: " + why), said, r.err());
        assertTrue(why.contains(EnvProbe.emulatedRing()), why);
        Path run = Path.of(r.out().lines().filter(l -> l.startsWith("run: ")).findFirst().orElseThrow().substring(5));
        assertEquals(why, Run.load(run).env().kvm().unusable(), "env.json records why");
        String report = Files.readString(run.resolve(Run.REPORT));
        assertTrue(report.contains("id=\"kvm-left-out\"") && report.contains(EnvProbe.emulatedRing().substring(0, 20)), report);
    }
}
