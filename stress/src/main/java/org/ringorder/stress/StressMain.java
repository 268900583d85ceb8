package org.ringorder.stress;

import java.nio.file.Path;
import java.util.List;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.StressRecord;
import org.ringorder.ring.OffsetPattern;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Strategies;

/**
 * One strategy's stress run in a JVM of its own (mixing strategies in one JVM changes inlining,
 * and on x86 JIT reordering is the only failure source). Writes its {@link StressRecord} to a file.
 *
 * <p>Usage: {@code StressMain STRATEGY ROLES SECONDS VCPUS MARGIN OUT.json} ({@link StressSettings#args})
 */
public final class StressMain {
    /** Small rings lap often, so every entry is reused many times a second. */
    static final int RING_SIZE = 1024;

    private StressMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 6) {
            System.err.println("usage: StressMain STRATEGY ROLES SECONDS VCPUS MARGIN OUT.json");
            System.exit(2);
        }
        ResetStrategy s = Strategies.byName(args[0]);
        StressSettings settings = StressSettings.parse(List.of(args));
        Roles roles = Roles.byName(settings.roles());
        int vcpus = settings.vcpus();
        int margin = settings.margin();
        StressRun.Counts c = StressRun.run(roles.kernel(s), s, vcpus, RING_SIZE, margin, OffsetPattern.RANDOM,
                Math.round(settings.seconds() * 1000));
        Json.write(Path.of(args[5]), new StressRecord(s.name(), roles.flag(), vcpus, RING_SIZE, margin, "random", c.millis(), c.pushed(),
                c.entriesChecked(), c.stalePayloads(), c.shortResets(), c.overwrites(), c.lostPages(), c.violations()));
    }
}
