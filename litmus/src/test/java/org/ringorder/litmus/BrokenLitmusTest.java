package org.ringorder.litmus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jcstress.os.topology.Topology;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.LitmusRecord;
import org.ringorder.launch.ChildProcess;
import org.ringorder.launch.Jvm;
import org.ringorder.strategy.Safety;

/**
 * The litmus harness can see every shape's bad outcome: each shape's broken variant (acquire-load
 * with the bad ordering in program order) shows it under jcstress on this machine (one JVM
 * configuration, mode quick: a few minutes). The three-actor one (chain) runs only with 3 or more
 * CPUs; on fewer it must say so, and the stress test catches that break instead. Without this, a
 * table of zeros would prove nothing.
 */
class BrokenLitmusTest {
    @TempDir
    Path dir;

    @Test
    void jcstressSeesEveryBrokenOrdering() {
        List<String> cmd = Jvm.current().mainOfThisClasspath(null, List.of(), LitmusMain.class.getName(),
                List.of("quick", "org\\.ringorder\\.litmus\\.broken\\..*", "-jvmArgs", "-XX:+UseSerialGC"));
        Path log = dir.resolve("log");
        ChildProcess.Result r = ChildProcess.of("the broken litmus tests", cmd).directory(dir).log(log)
                .limit(Duration.ofMinutes(10)).run();
        assertEquals(0, r.exitCode(), "see " + log); // a broken variant's bad outcome is ACCEPTABLE_INTERESTING: it held
        List<LitmusRecord> tests = Json.readList(dir.resolve(LitmusMain.SUMMARY), LitmusRecord.class, "litmus results");
        assertEquals(Set.of(Safety.Shape.values()).stream().map(Safety.Shape::id).collect(Collectors.toSet()),
                tests.stream().map(LitmusRecord::shape).collect(Collectors.toSet()), "one broken variant per shape");
        int cpus = Topology.get().totalCores();
        for (LitmusRecord t : tests) {
            if (t.actors() > cpus) {
                assertTrue(!t.ran() && t.skipped().contains("CPUs"), "not run, for want of CPUs: " + t);
                continue;
            }
            assertTrue(t.samples() > 0, t.toString());
            assertTrue(t.badSamples() > 0, "jcstress saw " + t.shape() + "'s bad outcome: " + t);
        }
    }
}
