package org.ringorder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM that hangs is killed within its limit, with one line naming the part that hung and
 * after how long, and nothing is left running: a "JDK" whose java starts a grandchild and sleeps,
 * as a new user's broken JDK would.
 */
class ChildHangTest {
    @TempDir
    Path dir;

    @Test
    void aHungStressJvmIsKilledAtItsLimitWithOneLine() throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("hanging-jdk/bin"));
        Path pids = dir.resolve("pids");
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\nsleep 600 &\necho $! >> " + pids + "\necho $$ >> " + pids + "\nwait\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("hanging-jdk/release"), "JAVA_VERSION=\"17.0.0\"\n");
        System.setProperty("ringorder.child.slackSeconds", "2");
        long t0 = System.nanoTime();
        CliTestSupport.Run r;
        try {
            r = CliTestSupport.run("stress", "--jvm", dir.resolve("hanging-jdk").toString(), "--seconds", "1", "--strategy", "plain",
                    "--out", Files.createDirectory(dir.resolve("out")).toString());
        } finally {
            System.clearProperty("ringorder.child.slackSeconds");
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, r.status(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals("ringorder: stress 1 of 1: plain, roles all, 1.0 s, 1 vCPU(s), margin 64", lines.get(0), "the progress line");
        assertEquals(2, lines.size(), "then one line: " + r.err());
        assertTrue(lines.get(1).matches("ringorder: the stress run of plain hung: killed after 3\\.\\d s \\(its limit\\)"), r.err());
        assertTrue(took < 15_000, "killed within its limit and the grace, not after minutes: " + took + " ms");
        for (String pid : Files.readAllLines(pids)) {
            Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(pid.trim()));
            if (h.isPresent()) {
                h.get().onExit().get(5, TimeUnit.SECONDS);
            }
            assertFalse(h.map(ProcessHandle::isAlive).orElse(false), "process " + pid + " (the hung JVM or its child) is dead");
        }
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(), files.toList(), "no record, no hidden part file left behind");
        }
    }
}
