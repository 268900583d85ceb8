package org.ringorder.kvm;

import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.ringorder.evidence.Emulation;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Strategies;

/**
 * One strategy against the kernel's dirty ring, in a JVM of its own; writes its {@link KvmRecord}.
 *
 * <p>Usage: {@code KvmMain STRATEGY VCPUS RING_ENTRIES DATA_MIB PATTERN SECONDS REAP_INTERVAL_US OUT.json}. Exit
 * status 3 with one line on stderr when KVM cannot be used here, 1 when the run failed.
 */
public final class KvmMain {
    private KvmMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: KvmMain STRATEGY VCPUS RING_ENTRIES DATA_MIB PATTERN SECONDS REAP_INTERVAL_US OUT.json");
            System.exit(2);
        }
        var why = Kvm.unavailable();
        if (why.isPresent()) {
            System.err.println(why.get());
            System.exit(3);
        }
        ResetStrategy s = Strategies.byName(args[0]);
        int vcpus = Integer.parseInt(args[1]);
        int entries = Integer.parseInt(args[2]);
        int mib = Integer.parseInt(args[3]);
        KvmRun.Pattern pattern = KvmRun.Pattern.byName(args[4]);
        long millis = Math.round(Double.parseDouble(args[5]) * 1000);
        long reapMicros = Long.parseLong(args[6]);
        long[] caps = Kvm.probe();
        KvmRun.Result r;
        try {
            r = KvmRun.run(s, vcpus, entries, mib, pattern, millis, reapMicros);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        double sec = r.millis() / 1000.0;
        Histogram h = r.resetNanos();
        Json.write(Path.of(args[7]), new KvmRecord(s.name(), "userspace", r.capability(), caps[0], caps[1], vcpus, entries, mib,
                pattern.flag(), reapMicros, r.millis(), r.harvested(), r.harvested() / sec,
                r.resetCalls(), r.resetCalls() == 0 ? 0.0 : (double) r.resetEntries() / r.resetCalls(), r.resetMismatches(),
                h.getMean() / 1000, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, r.ringFullExits(), r.ringFullExits() / sec, r.emptyRingFullExits(),
                r.ringOverruns(), r.guestWrites(), r.guestWrites() / sec, r.pagesWritten(), r.lostPages(), r.outOfRange(),
                r.lostPages() + r.outOfRange() + r.resetMismatches(), Kvm.backend(), Kvm.pageSize(), caps[2],
                caps[2] > 0 ? KvmRecord.WITH_BITMAP_NOT_ENABLED : "not offered", Emulation.emulator()));
    }
}
