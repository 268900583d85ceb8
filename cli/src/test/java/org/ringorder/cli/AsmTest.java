package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.asm.Disassembly;
import org.ringorder.evidence.AsmRecord;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.Run;
import org.ringorder.jni.NativeRing;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.AsmSpec;
import org.ringorder.parts.EnvProbe;

/**
 * {@code ringorder asm}: what C2 and gcc really emit at the ordering points. On x86_64 the
 * acquire-load flag load and store are plain {@code mov} and a volatile store carries a locked
 * instruction; on aarch64 (under QEMU, where asm/setup-aarch64 has run) the acquire-load flag load
 * is {@code ldar}; on riscv64 a load then a fence.
 */
class AsmTest {
    @TempDir
    Path out;

    private List<AsmRecord> asm(String arch, String strategies) throws Exception {
        CliTestSupport.Run r = CliTestSupport.run("asm", "--arch", arch, "--strategy", strategies, "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("strategy / ordering point"), r.out());
        assertTrue(r.out().contains("emitted ordering (each point's code against what its access modes promise"), r.out());
        System.out.println(r.out());
        return Json.readList(out.resolve(Run.ASM.file()), AsmRecord.class, "asm results");
    }

    private static List<String> instructions(List<AsmRecord> rows, String backend, String strategy, String point) {
        return rows.stream().filter(r -> r.backend().equals(backend) && r.strategy().equals(strategy) && r.point().equals(point))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + backend + " " + strategy + " " + point)).instructions();
    }

    @Test
    void onX86AcquireReleaseIsPlainMovAndAVolatileStoreIsLocked() throws Exception {
        assumeTrue(EnvProbe.arch().equals("x86_64"), "skipped: not an x86_64 machine");
        List<AsmRecord> rows = asm("x86_64", "acquire-load,volatile");
        for (String point : List.of("observeDirty", "markReset", "observeReset", "invalidate")) {
            List<String> insns = instructions(rows, "jvm", "acquire-load", point);
            assertFalse(insns.isEmpty(), point + " touches the flag");
            assertTrue(insns.stream().allMatch(i -> i.startsWith("mov")), "acquire-load " + point + ": " + insns);
        }
        assertTrue(instructions(rows, "jvm", "volatile", "markReset").stream().anyMatch(i -> i.startsWith("lock ")),
                "a volatile store is followed by a locked instruction");
        assertTrue(instructions(rows, "jvm", "volatile", "observeDirty").stream().allMatch(i -> i.startsWith("mov")),
                "a volatile load is a plain mov on x86");
        if (NativeRing.unavailable().isEmpty()) {
            assertEquals(List.of("movl $0x2,(%rdi)"), instructions(rows, "native", "acquire-load", "markReset"), "gcc's store-release of RESET");
            assertTrue(instructions(rows, "native", "volatile", "markReset").stream().anyMatch(i -> i.startsWith("xchg")),
                    "gcc's seq_cst store");
        }
    }

    @Test
    void onAarch64TheAcquireLoadFlagLoadIsLdar() throws Exception {
        String why = AsmSpec.evidence(Jvm.current()).crossUnready(Disassembly.Arch.aarch64);
        assumeTrue(why == null, () -> "skipped: " + why);
        List<AsmRecord> rows = asm("aarch64", "acquire-load");
        assertTrue(instructions(rows, "jvm", "acquire-load", "observeDirty").stream().anyMatch(i -> i.startsWith("ldar ")),
                instructions(rows, "jvm", "acquire-load", "observeDirty").toString());
        assertTrue(instructions(rows, "native", "acquire-load", "observeDirty").stream().anyMatch(i -> i.startsWith("ldar ")));
        assertTrue(instructions(rows, "native", "acquire-load", "markReset").stream().anyMatch(i -> i.startsWith("stlr ")),
                "gcc's store-release is stlr");
    }

    /**
     * riscv64 (JDK 21 under qemu-riscv64-static, where asm/setup-jdk riscv64 has run): acquire is a load then a
     * fence, release a fence then a store, and C2's fullFence a store-to-load fence only, which the check reports.
     */
    @Test
    void onRiscv64AcquireIsALoadThenAFenceAndC2sFullFenceIsReportedWeaker() throws Exception {
        String why = AsmSpec.evidence(Jvm.current()).crossUnready(Disassembly.Arch.riscv64);
        assumeTrue(why == null, () -> "skipped: " + why);
        CliTestSupport.Run r = CliTestSupport.run("asm", "--arch", "riscv64", "--strategy", "acquire-load,full-fence", "--out",
                out.toString());
        assertEquals(0, r.status(), r.err());
        List<AsmRecord> rows = Json.readList(out.resolve(Run.ASM.file()), AsmRecord.class, "asm results");
        assertEquals(List.of("riscv64 C2 JDK 21 -XX:-UseConservativeFence", "riscv64 C2 JDK 21 default", "riscv64 native (gcc)"),
                rows.stream().map(AsmRecord::column).distinct().sorted().toList());
        for (AsmRecord x : rows) {
            List<String> code = x.instructions();
            if (x.backend().equals("jvm") && x.strategy().equals("acquire-load") && x.point().equals("observeDirty")) {
                assertTrue(code.size() == 2 && code.get(0).startsWith("lw ") && code.get(1).matches("fence i?r,i?o?rw"), code.toString());
            }
            if (x.backend().equals("jvm") && x.strategy().equals("acquire-load") && x.point().equals("markReset")) {
                assertTrue(code.size() == 2 && code.get(0).matches("fence i?o?rw,o?w") && code.get(1).startsWith("sw "), code.toString());
            }
            if (x.backend().equals("jvm") && x.strategy().equals("full-fence") && x.point().equals("markReset")) {
                assertTrue(code.size() == 2 && code.get(0).matches("fence o?w,i?r") && code.get(1).startsWith("sw "), code.toString());
            }
        }
        assertTrue(r.out().contains("full-fence markReset (fence w,r; sw ") && r.out().contains("is weaker than fullFence+set"), r.out());
        assertFalse(r.out().lines().anyMatch(l -> l.contains("acquire-load") && l.contains("is weaker than")), r.out());
    }

    @Test
    void anUnknownArchIsOneLine() throws Exception {
        CliTestSupport.Run r = CliTestSupport.run("asm", "--arch", "sparc", "--out", out.toString());
        assertEquals(2, r.status());
        assertEquals("ringorder: unknown --arch 'sparc': expected x86_64, aarch64 or riscv64", r.err().strip());
        assertFalse(Files.exists(out.resolve("asm.json")));
    }
}
