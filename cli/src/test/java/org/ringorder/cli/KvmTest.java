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
import org.ringorder.evidence.KvmMechanisms;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.kvm.Break;
import org.ringorder.kvm.Kvm;
import org.ringorder.kvm.KvmMain;
import org.ringorder.kvm.KvmRun;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;

/**
 * {@code ringorder kvm} against the kernel's own dirty tracking, where /dev/kvm works (each test
 * says it is skipped, and why, elsewhere): every page the guest wrote is reported and equals its
 * last copy, with the ring and with the bitmap; the reset ioctl's return matches the harvest; the
 * broken orders are caught; a sweep draws its chart; a hanging guest ends with a clear error; bad
 * input is one line.
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
                "--mib", "64", "--write-pattern", "random", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<KvmRecord> rows = Json.readList(out.resolve(Run.KVM.file()), KvmRecord.class, "kvm results");
        assertEquals(2, rows.size());
        for (KvmRecord row : rows) {
            assertTrue(row.ring().harvested() > 0, row.toString());
            assertTrue(row.guest().pagesWritten() > 0, row.toString());
            assertEquals(0, row.lostPages(), row.toString());
            assertEquals(0, row.ring().resetMismatches(), "KVM_RESET_DIRTY_RINGS returned what was harvested");
            assertEquals(0, row.ring().outOfRange(), row.toString());
            assertTrue(row.capability().startsWith("KVM_CAP_DIRTY_LOG_RING"), row.toString());
            assertEquals(0, row.migration().differences(), "every page's final content is its last copy");
            assertTrue(row.migration().copies() >= row.guest().pagesWritten(), row.toString());
        }
        assertTrue(r.out().contains("every written page reported, every final page equal to its last copy"), r.out());
    }

    /** The first "done when": both mechanisms, each in its own VM, the migration check clean for each. */
    @Test
    void theRingAndTheBitmapSideBySideEachPassTheMigrationCheck() throws Exception {
        needKvm();
        CliTestSupport.Run r = CliTestSupport.run("kvm", "--mechanism", "ring,bitmap", "--strategy", "acquire-load", "--seconds", "1",
                "--mib", "64", "--dirty-mib", "4", "--clear-chunk-mib", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<KvmRecord> rows = Json.readList(out.resolve(Run.KVM.file()), KvmRecord.class, "kvm results");
        List<String> modes = Kvm.probe().bitmapModes().stream().map(m -> "bitmap " + m.flag()).toList();
        assertEquals(1 + modes.size(), rows.size(), rows.toString());
        assertEquals("ring acquire-load", rows.get(0).line());
        assertEquals(modes, rows.subList(1, rows.size()).stream().map(KvmRecord::line).toList());
        for (KvmRecord row : rows) {
            assertEquals(0, row.violations(), row.toString());
            assertEquals(0, row.migration().differences(), row.toString());
            assertTrue(row.guest().pagesWritten() > 0 && row.migration().copies() >= row.guest().pagesWritten(), row.toString());
            assertTrue(row.collection().pagesCollected() > 0 && row.collection().cpuNanosPerPage() > 0, row.toString());
            assertTrue(row.collection().baselineGuestNanosPerWrite() > 0 && row.collection().guestNanosPerWrite() > 0, row.toString());
            assertEquals(1000, row.workload().exitIntervalMicros(), "comparing mechanisms paces the guest");
        }
        assertTrue(rows.stream().skip(1).allMatch(x -> x.strategy() == null && x.ring() == null && x.capability().startsWith("KVM_GET_DIRTY_LOG")));
        assertTrue(r.out().contains("bitmap " + Kvm.probe().bitmapModes().get(0).flag() + " at 64 MiB slot, 4 MiB dirty"), r.out());
        assertTrue(r.out().contains("migration check clean"), r.out());
    }

    /**
     * The check catches what breaks migration: a cycle that drops a harvested page (every kernel),
     * a bitmap cleared after its pages were sent. Skipping every clear loses nothing with manual
     * protect (the kernel's bits stay set, so the pages are sent again and again); skipping every
     * reset loses writes where the kernel leaves logged pages writable, and stalls the guest in
     * ring-full exits where it logs every write (kvm_pvm): either way it shows.
     */
    @Test
    void theMigrationCheckCatchesTheBrokenOrders() throws Exception {
        needKvm();
        KvmRecord drop = broken("ring", "drop-last").get(0);
        assertTrue(drop.migration().differences() > 0 && drop.violations() > 0, drop.toString());
        for (KvmRecord late : broken("bitmap", "clear-after-copy")) {
            assertTrue(late.migration().differences() > 0, late.toString());
            assertEquals("clear-after-copy", late.broken());
        }
        for (KvmRecord skip : broken("bitmap", "skip-clear")) {
            assertEquals(0, skip.migration().differences(), skip.toString());
            assertTrue(skip.migration().resent() > 10 * skip.guest().pagesWritten(), "every get reports the uncleared pages again: " + skip);
        }
        KvmRecord noReset = broken("ring", "skip-reset").get(0);
        assertTrue(noReset.migration().differences() > 0 || noReset.ring().emptyRingFullExits() > 1000, noReset.toString());
    }

    private List<KvmRecord> broken(String mechanism, String how) throws Exception {
        Path dir = Files.createDirectories(out.resolve(how));
        CliTestSupport.Run r = CliTestSupport.run("kvm", "--mechanism", mechanism, "--strategy", "acquire-load", "--seconds", "1",
                "--mib", "64", "--dirty-mib", "1", "--exit-interval-us", "0", "--reap-interval-us", "2000", "--break", how,
                "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        return Json.readList(dir.resolve(Run.KVM.file()), KvmRecord.class, "kvm results");
    }

    /** A sweep: every process's record kept, the chart drawn against slot size and against dirty rate. */
    @Test
    void aSweepDrawsTheMechanismsChart() throws Exception {
        needKvm();
        CliTestSupport.Run r = CliTestSupport.run("kvm", "--mechanism", "ring,bitmap", "--strategy", "plain", "--seconds", "0.5",
                "--mib", "64,128", "--dirty-mib", "4", "--writes-per-exit", "8,16", "--repeat", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<KvmRecord> rows = Json.readList(out.resolve(Run.KVM.file()), KvmRecord.class, "kvm results");
        int lines = 1 + Kvm.probe().bitmapModes().size();
        assertEquals(3 * lines * 2, rows.size(), "3 settings (the base, one more slot, one more rate), each line, 2 processes");
        assertEquals(List.of(1, 2), rows.stream().map(KvmRecord::repetition).distinct().sorted().toList());
        KvmMechanisms m = KvmMechanisms.of(rows);
        assertEquals(3 * lines, m.points().size());
        assertEquals(2 * lines, m.againstSlotSize().size());
        assertEquals(2 * lines, m.againstDirtyRate().size());
        assertTrue(m.points().stream().allMatch(p -> p.processes() == 2 && p.differences() == 0), m.toString());
        assertTrue(Files.size(out.resolve("charts/kvm-mechanisms.png")) > 1000, r.out());
        assertTrue(Files.exists(out.resolve("charts/kvm-mechanisms.svg")));
        assertTrue(r.out().contains("chart: " + out.resolve("charts/kvm-mechanisms.png")), r.out());
    }

    @Test
    void aGuestThatNeverExitsEndsTheRunWithAClearError() throws Exception {
        needKvm();
        List<String> args = new java.util.ArrayList<>(KvmMain.args("ring:acquire-load", new KvmRun.Workload(1, 4096, 64, 64,
                KvmRun.WritePattern.SEQUENTIAL, 30_000, 0, 0, 4096, 16384, Break.NONE), 1));
        args.add(out.resolve("k.json").toString());
        List<String> cmd = Jvm.current().mainOfThisClasspath(null, List.of("-Dringorder.kvm.hangingGuest=true",
                "-Dringorder.kvm.runLimitSeconds=2"), "org.ringorder.kvm.KvmMain", args);
        ChildProcess.Result r = ChildProcess.of("the hanging guest's JVM", cmd).limit(Duration.ofSeconds(60)).capture().run();
        String said = String.join("\n", r.output());
        assertEquals(1, r.exitCode(), said);
        assertTrue(said.contains("did not return within 2 s: the guest hangs"), said);
        assertFalse(Files.exists(out.resolve("k.json")));
    }

    @Test
    void badInputIsOneLine() throws Exception {
        for (String[] args : List.of(new String[] {"--vcpus", "3"}, new String[] {"--write-pattern", "zigzag"},
                new String[] {"--mib", "100"}, new String[] {"--ring-size", "1000"}, new String[] {"--strategy", "relaxed"},
                new String[] {"--mechanism", "ring,disk"}, new String[] {"--mib", "4096"}, new String[] {"--mib", "64", "--dirty-mib", "128"},
                new String[] {"--mechanism", "bitmap", "--break", "drop-last"}, new String[] {"--clear-chunk-mib", "3"},
                new String[] {"--repeat", "0"})) {
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
