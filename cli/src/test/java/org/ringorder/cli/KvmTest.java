package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ringorder.evidence.AtomicFiles;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.KvmMechanisms;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;
import org.ringorder.kvm.BitmapMode;
import org.ringorder.kvm.Break;
import org.ringorder.kvm.Kvm;
import org.ringorder.kvm.KvmMain;
import org.ringorder.kvm.KvmRun;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.parts.EnvProbe;

/**
 * {@code ringorder kvm} against the kernel's own dirty tracking, where /dev/kvm works or else in
 * the emulated machine of this architecture ({@link KvmTarget}; each test says it is skipped, and
 * why, where neither is there): every page the guest wrote is reported and equals its last copy,
 * with the ring and with the bitmap; the reset ioctl's return matches the harvest; the broken
 * orders are caught, and the right one stays clean beside them; a sweep draws its chart; a hanging
 * guest ends with a clear error; bad input is one line.
 */
class KvmTest {
    @TempDir
    Path out;

    /**
     * One kvm command, whose lines the next three tests read (one boot where it runs emulated, where
     * each line's JVM takes seconds): the right collection on the ring and on each bitmap mode the
     * kernel offers, and beside them the ring's wrong ones, whose loss depends on the kernel; the guest
     * rewriting 1 MiB with 4096 writes between exits (unpaced: enough writes between a copy and a
     * late reset to lose some), the collector cycling every 2 ms.
     */
    private static final String[] ONE_RUN = {"--mechanism", "ring,bitmap", "--strategy", "acquire-load", "--seconds", "1",
        "--mib", "64", "--dirty-mib", "1", "--writes-per-exit", "4096", "--exit-interval-us", "0", "--reap-interval-us", "2000",
        "--break", "none,reset-after-copy,skip-reset"};

    private record Lines(CliTestSupport.Run run, List<KvmRecord> rows) {
    }

    private static Lines lines;
    /** The one run's failure, kept: the next tests fail with it rather than boot the machine again. */
    private static Throwable failed;

    private static synchronized Lines oneRun() throws Exception {
        KvmTarget.assumeAny();
        if (failed != null) {
            throw new AssertionError("the one kvm run failed (see the first test that read it)", failed);
        }
        if (lines == null) {
            Path dir = Files.createTempDirectory("ringorder-kvm-test-");
            try {
                CliTestSupport.Run r = KvmTarget.kvm(dir, ONE_RUN);
                assertEquals(0, r.status(), r.err());
                lines = new Lines(r, Json.readList(dir.resolve(Run.KVM.file()), KvmRecord.class, "kvm results"));
            } catch (Exception | AssertionError e) {
                failed = e;
                throw e;
            } finally {
                AtomicFiles.deleteQuietly(dir);
            }
        }
        return lines;
    }

    @Test
    void everyPageTheGuestWroteIsReported() throws Exception {
        Lines l = oneRun();
        KvmRecord row = broken(l.rows(), "none").get(0);
        assertEquals("ring acquire-load", row.line());
        assertTrue(row.ring().harvested() > 0, row.toString());
        assertTrue(row.guest().pagesWritten() > 0, row.toString());
        assertEquals(0, row.lostPages(), row.toString());
        assertEquals(0, row.ring().resetMismatches(), "KVM_RESET_DIRTY_RINGS returned what was harvested");
        assertEquals(0, row.ring().outOfRange(), row.toString());
        assertTrue(row.capability().startsWith("KVM_CAP_DIRTY_LOG_RING"), row.toString());
        assertEquals(0, row.migration().differences(), "every page's final content is its last copy");
        assertTrue(row.migration().copies() >= row.guest().pagesWritten(), row.toString());
        assertEquals(KvmTarget.emulated() ? "qemu-system-" + EnvProbe.arch() + " (TCG)" : null, row.emulated(), "the record says where it ran");
        assertEquals(KvmTarget.emulated(), said(l.run()).contains("acquire-load: timings under emulation"), said(l.run()));
        assertTrue(said(l.run()).contains("every written page reported, every final page equal to its last copy"), said(l.run()));
        if (EnvProbe.arch().equals("x86_64")) {
            assertTrue(row.capabilities().capDirtyLogRing() > 0, "x86 offers the TSO ring: " + row.capabilities());
        }
    }

    /** Both mechanisms, each in its own VM, the migration check clean for each. */
    @Test
    void theRingAndTheBitmapSideBySideEachPassTheMigrationCheck() throws Exception {
        Lines l = oneRun();
        List<KvmRecord> rows = broken(l.rows(), "none");
        List<String> modes = offered(rows.get(0)).stream().map(m -> "bitmap " + m.flag()).toList();
        assertEquals(1 + modes.size(), rows.size(), rows.toString());
        assertEquals("ring acquire-load", rows.get(0).line());
        assertEquals(modes, rows.subList(1, rows.size()).stream().map(KvmRecord::line).toList());
        for (KvmRecord row : rows) {
            assertEquals(0, row.violations(), row.toString());
            assertEquals(0, row.migration().differences(), row.toString());
            assertTrue(row.guest().pagesWritten() > 0 && row.migration().copies() >= row.guest().pagesWritten(), row.toString());
            // the figures (never used under emulation, where initially-set's first cycle, the whole slot, can outlast the run)
            assertTrue(KvmTarget.emulated() || row.collection().pagesCollected() > 0 && row.collection().cpuNanosPerPage() > 0,
                    row.toString());
        }
        assertTrue(rows.stream().skip(1).allMatch(x -> x.strategy() == null && x.ring() == null && x.capability().startsWith("KVM_GET_DIRTY_LOG")));
        assertTrue(said(l.run()).contains(modes.get(0) + " at 64 MiB slot, 1 MiB dirty"), said(l.run()));
        assertTrue(said(l.run()).contains("migration check clean"), said(l.run()));
    }

    /**
     * The check catches what breaks migration where the kernel decides, and the right order stays
     * clean beside it: a reset after the pages were sent loses the writes in between where the
     * kernel leaves logged pages writable until their reset (nested paging, hardware or emulated;
     * not kvm_pvm, which logs every write): the guest writes on after the collector's last cycle,
     * so the window is never empty; skipping every reset loses writes there too, and stalls the
     * guest in ring-full exits where every write is logged: either way it shows.
     */
    @Test
    void theMigrationCheckCatchesTheBrokenOrders() throws Exception {
        List<KvmRecord> rows = oneRun().rows();
        KvmRecord late = broken(rows, "reset-after-copy").get(0);
        boolean logsEveryWrite = !KvmTarget.emulated() && "kvm_pvm".equals(EnvProbe.kvm().flavour());
        assertEquals(logsEveryWrite, late.migration().differences() == 0, "writes between the copy and the reset: " + late);
        KvmRecord noReset = broken(rows, "skip-reset").get(0);
        assertTrue(noReset.migration().differences() > 0 || noReset.ring().emptyRingFullExits() > 1000, noReset.toString());
        int modes = offered(rows.get(0)).size();
        assertEquals(1 + modes + 2, rows.size(), "the right order's lines, the ring's two wrong ones");
    }

    /**
     * The check's own calibration, the same on every kernel, run where /dev/kvm works: a cycle
     * that drops a harvested page loses it; a bitmap cleared after its pages were sent loses the
     * writes in between (with manual protect); skipping every clear loses nothing (the kernel's
     * bits stay set, so every get reports those pages again), and costs re-sends. Not in the
     * emulated machine, where each line costs a JVM's start under TCG: CI gives the x86_64 checks
     * three minutes.
     */
    @Test
    void theCheckCatchesADroppedPageAndCountsTheResends() throws Exception {
        KvmTarget.assumeHere("the same on every kernel, and each line there costs a JVM's start under TCG");
        CliTestSupport.Run r = KvmTarget.kvm(out, "--mechanism", "ring,bitmap", "--strategy", "acquire-load", "--seconds", "1",
                "--mib", "64", "--dirty-mib", "1", "--exit-interval-us", "0", "--reap-interval-us", "2000", "--break",
                "drop-last,clear-after-copy,skip-clear");
        assertEquals(0, r.status(), r.err());
        List<KvmRecord> rows = Json.readList(out.resolve(Run.KVM.file()), KvmRecord.class, "kvm results");
        KvmRecord drop = broken(rows, "drop-last").get(0);
        assertTrue(drop.migration().differences() > 0 && drop.violations() > 0, drop.toString());
        for (KvmRecord lateClear : broken(rows, "clear-after-copy")) {
            assertTrue(lateClear.migration().differences() > 0, lateClear.toString());
        }
        for (KvmRecord skip : broken(rows, "skip-clear")) {
            assertEquals(0, skip.migration().differences(), skip.toString());
            assertTrue(skip.migration().resent() > 10 * skip.guest().pagesWritten(), "every get reports the uncleared pages again: " + skip);
        }
    }

    private static List<KvmRecord> broken(List<KvmRecord> rows, String how) {
        List<KvmRecord> these = rows.stream().filter(r -> how.equals(r.broken() == null ? "none" : r.broken())).toList();
        assertFalse(these.isEmpty(), "no line ran " + how + ": " + rows);
        return these;
    }

    /** The bitmap's modes the kernel offered, as the record says (the kernel may be an emulated machine's). */
    private static List<BitmapMode> offered(KvmRecord row) {
        return BitmapMode.offered(row.capabilities().capManualDirtyLogProtect2());
    }

    /** What the command said: on stdout here, on the emulated machine's console (stderr) there. */
    private static String said(CliTestSupport.Run r) {
        return r.out() + r.err();
    }

    /** A sweep: every process's record kept, the chart drawn against slot size and against dirty rate. */
    @Test
    void aSweepDrawsTheMechanismsChart() throws Exception {
        KvmTarget.assumeHere("its 12 processes would take a quarter of an hour there");
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
        KvmTarget.assumeHere("it starts the kvm child directly, with a test-only property");
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
