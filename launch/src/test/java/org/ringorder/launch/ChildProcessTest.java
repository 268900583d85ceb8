package org.ringorder.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner: output drained while the child runs, the limit fires, and the whole tree dies with it. */
class ChildProcessTest {
    @TempDir
    Path dir;

    @Test
    void aHungChildAndItsDescendantsAreKilledAtTheLimitWithOneLine() throws Exception {
        Path pids = dir.resolve("pids");
        // a child that starts a grandchild ignoring SIGTERM, then hangs itself; both must die
        String script = "sh -c 'trap \"\" TERM; echo $$ >> " + pids + "; sleep 600' & echo $$ >> " + pids + "; sleep 600";
        long t0 = System.nanoTime();
        ChildProcess.Failure f = assertThrows(ChildProcess.Failure.class,
                () -> ChildProcess.of("the test's sleeper", List.of("sh", "-c", script)).limit(Duration.ofSeconds(2)).run());
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(f.getMessage().startsWith("the test's sleeper hung: killed after 2."), f.getMessage());
        assertEquals(1, f.getMessage().lines().count());
        assertTrue(took < 2000 + ChildProcess.GRACE.toMillis() + 2000, "ended within the limit and the grace: " + took + " ms");
        List<String> written = Files.readAllLines(pids);
        assertEquals(2, written.size(), written.toString());
        for (String pid : written) {
            ProcessHandle h = ProcessHandle.of(Long.parseLong(pid.trim())).orElse(null);
            if (h != null) {
                h.onExit().get(3, TimeUnit.SECONDS);
                assertFalse(h.isAlive(), "process " + pid + " is dead");
            }
        }
    }

    @Test
    void moreOutputThanAPipeHoldsNeverBlocksTheChild() {
        // 4 MB of output: a child whose output is read only after it exits would block on the pipe and hang
        ChildProcess.Result r = ChildProcess.of("the talker", List.of("sh", "-c", "head -c 4000000 /dev/zero | tr '\\0' 'x' | fold -w 100"))
                .limit(Duration.ofSeconds(30)).capture().run();
        assertEquals(0, r.exitCode());
        assertEquals(40_000, r.output().size());
    }

    @Test
    void linesReachTheLogAndTheConsumerAsTheyCome() throws Exception {
        Path log = dir.resolve("log");
        List<String> seen = new ArrayList<>();
        ChildProcess.Result r = ChildProcess.of("the printer", List.of("sh", "-c", "echo one; echo two >&2; exit 3"))
                .log(log).lines(seen::add).run();
        assertEquals(3, r.exitCode());
        assertEquals(List.of("one", "two"), seen);
        assertEquals(List.of("one", "two"), Files.readAllLines(log));
        assertTrue(r.output().isEmpty(), "not captured unless asked");
    }

    @Test
    void aMissingProgramIsOneLine() {
        ChildProcess.Failure f = assertThrows(ChildProcess.Failure.class,
                () -> ChildProcess.of("the missing tool", List.of("/nonexistent/tool")).run());
        assertTrue(f.getMessage().startsWith("cannot start /nonexistent/tool for the missing tool: "), f.getMessage());
    }

    @Test
    void theJvmCommandLineIsBuiltInOnePlace() {
        Jvm jvm = Jvm.current();
        List<String> cmd = jvm.command("0-1", List.of("-Xmx64m"), List.of("-jar", "x.jar", "a"));
        assertEquals(List.of("taskset", "-c", "0-1", jvm.java().toString()), cmd.subList(0, 4));
        assertEquals(List.of("-Xmx64m", "-jar", "x.jar", "a"), cmd.subList(cmd.size() - 4, cmd.size()));
        assertEquals(jvm.java().toString(), jvm.command(null, List.of(), List.of()).get(0));
    }
}
