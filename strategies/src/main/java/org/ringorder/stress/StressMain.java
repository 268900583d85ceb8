package org.ringorder.stress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * One strategy's stress run in a JVM of its own (mixing strategies in one JVM changes inlining,
 * and on x86 JIT reordering is the only failure source). Writes one JSON object to a file.
 *
 * <p>Usage: {@code StressMain STRATEGY ROLES SECONDS VCPUS OUT.json}
 */
public final class StressMain {
    private StressMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: StressMain STRATEGY ROLES SECONDS VCPUS OUT.json");
            System.exit(2);
        }
        ResetStrategy s = Strategies.byName(args[0]);
        Roles roles = Roles.byName(args[1]);
        long millis = Math.round(Double.parseDouble(args[2]) * 1000);
        int vcpus = Integer.parseInt(args[3]);
        StressRun.Counts c = StressRun.run(roles.kernel(s), s, vcpus, 1024, OffsetPattern.RANDOM, millis);
        String json = String.format(Locale.ROOT,
                "{\"strategy\": \"%s\", \"roles\": \"%s\", \"vcpus\": %d, \"ringSize\": 1024, \"pattern\": \"random\","
                        + " \"millis\": %d, \"pushed\": %d, \"entriesChecked\": %d, \"stalePayloads\": %d,"
                        + " \"shortResets\": %d, \"overwrites\": %d, \"lostPages\": %d, \"violations\": %d}",
                s.name(), roles.flag(), vcpus, c.millis(), c.pushed(), c.entriesChecked(), c.stalePayloads(),
                c.shortResets(), c.overwrites(), c.lostPages(), c.violations());
        Files.writeString(Path.of(args[4]), json);
    }
}
