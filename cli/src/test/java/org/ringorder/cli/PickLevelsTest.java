package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.RunFixtures;

/** {@code ringorder pick} prints the claim at three levels as a block after the claims, each level in the claim's words. */
class PickLevelsTest {
    @TempDir
    Path dir;

    @Test
    void pickPrintsTheClaimAtThreeLevelsAfterTheClaims() throws Exception {
        EnvRecord.KvmInfo noKvm = new EnvRecord.KvmInfo(false, null, null, null, "no /dev/kvm and no KVM module loaded");
        Path run = RunFixtures.write(dir.resolve("levels"), RunFixtures.env("x86_64", true, noKvm, null, null),
                List.of(new RunFixtures.Pair("plain", 1.0, 0.002, 5.0, "jvm"), new RunFixtures.Pair("acquire-load", 1.014, 0.002, 5.0, "jvm"),
                        new RunFixtures.Pair("plain", 1.0, 0.002, 4.0, "native"),
                        new RunFixtures.Pair("acquire-load", 1.08, 0.002, 4.0, "native")),
                List.of(new RunFixtures.Concurrent("acquire-load", 1.004, 0.002, 40.0, "jvm", 1),
                        new RunFixtures.Concurrent("plain", 1.0, 0.002, 40.0, "jvm", 1)), List.of());
        CliTestSupport.Run r = CliTestSupport.run("pick", run.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        int header = lines.indexOf("claim at three levels (the flag's rule uses the first alone; the others are context):");
        assertTrue(header > 0 && lines.get(header - 1).startsWith("claim: "), r.out());
        List<String> block = lines.subList(header + 1, header + 6);
        String jvmClaim = lines.stream().filter(l -> l.startsWith("claim: acquire-load on x86_64, JDK 17: ")).findFirst().orElseThrow();
        assertEquals("  ordering points, JVM (JDK 17): " + jvmClaim.substring("claim: acquire-load on x86_64, JDK 17: ".length()),
                block.get(0), "level 1 in the claim's own words");
        assertTrue(block.get(1).startsWith("  ordering points, C (gcc): costs +8.0% (95% CI"), block.get(1));
        assertTrue(block.get(2).startsWith("  concurrent workload, 1 vCPU + collector, JVM (JDK 17): free: +0.4% (95% CI"), block.get(2));
        assertEquals("  concurrent workload, C (gcc): not measured in " + run + ": the concurrent pairing did not run on the native backend",
                block.get(3));
        assertEquals("  real kernel path: not measured: no /dev/kvm on this machine", block.get(4));
        assertTrue(lines.get(header + 6).startsWith("standing: "), r.out());
    }
}
