package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.asm.Disassembly;
import org.ringorder.evidence.AsmRecord;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.Run;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.AsmSpec;

/**
 * {@code ringorder asm --arch aarch64 --jdk 17,21,25}: a column per JDK and setting, each read
 * from that JDK's own C2. JDK 25 has -XX:AlwaysMergeDMB, so it is read twice; its Neoverse setting
 * splits the release barrier in two, which 17's and 21's C2 never do. Skipped, saying why, where
 * {@code asm/setup-aarch64 --jdk 17,21,25} has not run.
 */
class AsmJdksTest {
    @TempDir
    Path out;

    @Test
    void eachJdkAndSettingIsAColumnOfItsOwnOutput() throws Exception {
        for (int v : List.of(17, 21, 25)) {
            String why = AsmSpec.evidence(Jvm.current()).crossUnready(Disassembly.Arch.aarch64, v);
            assumeTrue(why == null, "skipped: " + why);
        }
        CliTestSupport.Run r = CliTestSupport.run("asm", "--arch", "aarch64", "--jdk", "17,21,25", "--strategy", "acquire-load",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<AsmRecord> rows = Json.readList(out.resolve(Run.ASM.file()), AsmRecord.class, "asm results");
        List<AsmRecord> c2 = rows.stream().filter(x -> x.backend().equals("jvm")).toList();
        Set<String> columns = c2.stream().map(AsmRecord::column).collect(Collectors.toSet());
        assertEquals(Set.of("aarch64 C2 JDK 17 default", "aarch64 C2 JDK 21 default", "aarch64 C2 JDK 25 default",
                "aarch64 C2 JDK 25 -XX:-AlwaysMergeDMB"), columns);
        assertTrue(r.out().lines().findFirst().orElseThrow().contains("aarch64 C2 JDK 25 -XX:-AlwaysMergeDMB"), r.out());
        for (AsmRecord x : c2) {
            assertTrue(x.compiler().startsWith("OpenJDK " + x.jdk() + "."), "the compiler names its own JDK: " + x.compiler());
            assertTrue(x.code().containsAll(x.instructions()), "filtered from that JDK's own output: " + x);
            if (x.point().equals("observeDirty")) {
                assertTrue(x.instructions().stream().anyMatch(i -> i.startsWith("ldar")), x.column() + ": " + x.instructions());
            }
        }
        List<String> neoverse = markReset(c2, "25", "-XX:-AlwaysMergeDMB");
        assertTrue(neoverse.contains("dmb ishld") && neoverse.contains("dmb ishst") && !neoverse.contains("dmb ish"),
                "JDK 25, -AlwaysMergeDMB: the release barrier split: " + neoverse);
        for (String jdk : List.of("17", "21", "25")) {
            List<String> merged = markReset(c2, jdk, "default");
            assertTrue(merged.contains("dmb ish"), "JDK " + jdk + " default: one dmb ish: " + merged);
            assertFalse(merged.contains("dmb ishld"), "JDK " + jdk + " default: " + merged);
        }
    }

    private static List<String> markReset(List<AsmRecord> c2, String jdk, String setting) {
        return c2.stream().filter(x -> x.jdk().equals(jdk) && x.setting().equals(setting) && x.point().equals("markReset"))
                .findFirst().orElseThrow().instructions().stream().map(i -> i.split(",")[0].startsWith("dmb") ? i : i.split(" ")[0])
                .toList();
    }
}
