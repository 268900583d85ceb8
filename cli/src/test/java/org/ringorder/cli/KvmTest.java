package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.kvm.Kvm;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;

/**
 * {@code ringorder kvm} against the kernel's own dirty ring, where /dev/kvm works (each test says
 * it is skipped, and why, elsewhere): every page the guest wrote is reported, the reset ioctl's
 * return matches the harvest, a hanging guest ends with a clear error, and bad input is one line.
 */
class KvmTest {
    @TempDir
    Path out;

    private static void needKvm() {
        assumeTrue(Kvm.unavailable().isEmpty(), () -> "skipped: " + Kvm.unavailable().orElseThrow());
    }

    @Test
    void everyPageTheGuestWroteIsReported() throws Exception {
        needKvm();
        CliTestSupport.Run r = CliTestSupport.run("kvm", "--strategy", "acquire-load,batched-fence", "--seconds", "1",
                "--mib", "64", "--pattern", "random", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<KvmRecord> rows = Json.readList(out.resolve(Run.KVM.file()), KvmRecord.class, "kvm results");
        assertEquals(2, rows.size());
        for (KvmRecord row : rows) {
            assertTrue(row.harvested() > 0, row.toString());
            assertTrue(row.pagesWritten() > 0, row.toString());
            assertEquals(0, row.lostPages(), row.toString());
            assertEquals(0, row.resetMismatches(), "KVM_RESET_DIRTY_RINGS returned what was harvested");
            assertEquals(0, row.outOfRange(), row.toString());
            assertTrue(row.capability().startsWith("KVM_CAP_DIRTY_LOG_RING"), row.toString());
        }
        assertTrue(r.out().contains("every written page reported"), r.out());
    }

    @Test
    void aGuestThatNeverExitsEndsTheRunWithAClearError() throws Exception {
        needKvm();
        List<String> cmd = Jvm.current().mainOfThisClasspath(null, List.of("-Dringorder.kvm.writesPerExit=-1",
                "-Dringorder.kvm.runLimitSeconds=2"), "org.ringorder.kvm.KvmMain", List.of("acquire-load", "1", "4096", "64",
                "sequential", "30", "0", out.resolve("k.json").toString()));
        ChildProcess.Result r = ChildProcess.of("the hanging guest's JVM", cmd).limit(Duration.ofSeconds(60)).capture().run();
        String said = String.join("\n", r.output());
        assertEquals(1, r.exitCode(), said);
        assertTrue(said.contains("did not return within 2 s: the guest hangs"), said);
        assertFalse(Files.exists(out.resolve("k.json")));
    }

    @Test
    void badInputIsOneLine() throws Exception {
        for (String[] args : List.of(new String[] {"--vcpus", "3"}, new String[] {"--pattern", "zigzag"},
                new String[] {"--mib", "100"}, new String[] {"--ring-size", "1000"}, new String[] {"--strategy", "relaxed"})) {
            String[] full = new String[args.length + 3];
            full[0] = "kvm";
            System.arraycopy(args, 0, full, 1, args.length);
            full[args.length + 1] = "--out";
            full[args.length + 2] = out.toString();
            CliTestSupport.Run r = CliTestSupport.run(full);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out.resolve("kvm.json")));
        }
    }
}
