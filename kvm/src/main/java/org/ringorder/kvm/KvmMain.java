package org.ringorder.kvm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.ringorder.evidence.Emulation;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Strategies;

/**
 * One line (a ring strategy, or a bitmap mode) against the kernel's dirty tracking, in a JVM of
 * its own; writes its {@link KvmRecord}.
 *
 * <p>Usage: {@code KvmMain KEY=VALUE... OUT.json} with the keys of {@link #KEYS}: {@code line} is
 * {@code ring:STRATEGY} or {@code bitmap:MODE}. Exit status 3 with one line on stderr when KVM
 * cannot be used here, 1 when the run failed, 2 on bad arguments.
 */
public final class KvmMain {
    /** Every key, in the order {@link #args} writes them. */
    static final List<String> KEYS = List.of("line", "vcpus", "ring", "mib", "dirtyMib", "writePattern", "seconds", "reapUs", "exitUs",
            "writesPerExit", "clearChunkPages", "repetition", "break");

    private KvmMain() {
    }

    /** The arguments for one line's JVM, before the output file. */
    public static List<String> args(String line, KvmRun.Workload s, int repetition) {
        List<Object> values = List.of(line, s.vcpus(), s.ringEntries(), s.dataMiB(), s.dirtyMiB(), s.pattern().flag(),
                s.millis() / 1000.0, s.reapIntervalMicros(), s.exitIntervalMicros(), s.writesPerExit(), s.clearChunkPages(), repetition,
                s.brk().flag());
        return IntStream.range(0, KEYS.size()).mapToObj(i -> KEYS.get(i) + "=" + values.get(i)).toList();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length - 1; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 0 || !KEYS.contains(args[i].substring(0, eq))) {
                usage("not a KEY=VALUE argument: " + args[i]);
            }
            a.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        if (args.length == 0 || !a.keySet().containsAll(KEYS)) {
            usage("every key is needed");
        }
        var why = Kvm.unavailable();
        if (why.isPresent()) {
            System.err.println(why.get());
            System.exit(3);
        }
        String line = a.get("line");
        KvmRun.Workload s = new KvmRun.Workload(Integer.parseInt(a.get("vcpus")), Integer.parseInt(a.get("ring")),
                Integer.parseInt(a.get("mib")), Integer.parseInt(a.get("dirtyMib")), KvmRun.WritePattern.byName(a.get("writePattern")),
                Math.round(Double.parseDouble(a.get("seconds")) * 1000), Long.parseLong(a.get("reapUs")),
                Long.parseLong(a.get("exitUs")), Integer.parseInt(a.get("writesPerExit")), Long.parseLong(a.get("clearChunkPages")),
                Break.byName(a.get("break")));
        int repetition = Integer.parseInt(a.get("repetition"));
        KvmCapabilities caps = Kvm.probe();
        KvmRun.Result r;
        ResetStrategy strategy = null;
        BitmapMode mode = null;
        try {
            if (line.startsWith("ring:")) {
                strategy = Strategies.byName(line.substring(5));
                r = KvmRun.ring(strategy, s);
            } else if (line.startsWith("bitmap:")) {
                mode = BitmapMode.byName(line.substring(7));
                r = KvmRun.bitmap(mode, s);
            } else {
                usage("line=" + line + ": expected ring:STRATEGY or bitmap:MODE");
                return;
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Json.write(Path.of(args[args.length - 1]), record(strategy, mode, s, repetition, caps, r));
    }

    private static KvmRecord record(ResetStrategy strategy, BitmapMode mode, KvmRun.Workload w, int repetition, KvmCapabilities caps,
                                    KvmRun.Result r) {
        KvmRun.RingFigures figures = r.ring();
        var m = r.migration();
        long violations = m.differences() + (figures == null ? 0 : figures.outOfRange() + figures.resetMismatches());
        return new KvmRecord(strategy != null ? KvmRecord.RING : KvmRecord.BITMAP, strategy == null ? null : strategy.name(),
                mode == null ? null : mode.flag(), "userspace", r.capability(), Kvm.backend(), Kvm.pageSize(), Emulation.emulator(),
                repetition, w.brk() == Break.NONE ? null : w.brk().flag(), r.millis(), m.neverSent(), violations, capabilities(caps),
                workload(w), figures == null ? null : ring(figures, r.millis()), figures == null ? null : resetTiming(figures.resetNanos()),
                new KvmRecord.Guest(r.guestWrites(), r.guestWrites() / (r.millis() / 1000.0), m.written()), collection(w, r),
                new KvmRecord.Migration(m.copies(), m.resent(), m.differences(), m.neverSent()));
    }

    private static KvmRecord.Capabilities capabilities(KvmCapabilities caps) {
        return new KvmRecord.Capabilities(caps.dirtyLogRing(), caps.dirtyLogRingAcqRel(), caps.dirtyLogRingWithBitmap(),
                caps.dirtyLogRingWithBitmap() > 0 ? KvmRecord.WITH_BITMAP_NOT_ENABLED : "not offered", caps.manualDirtyLogProtect2());
    }

    private static KvmRecord.Workload workload(KvmRun.Workload w) {
        return new KvmRecord.Workload(w.vcpus(), w.ringEntries(), w.dataMiB(), w.dirtyMiB(), w.pattern().flag(), w.reapIntervalMicros(),
                w.writesPerExit(), w.exitIntervalMicros(), w.clearChunkPages());
    }

    private static KvmRecord.Ring ring(KvmRun.RingFigures ring, long millis) {
        double sec = millis / 1000.0;
        return new KvmRecord.Ring(ring.resetEntries(), ring.resetEntries() / sec, ring.resetCalls(),
                ring.resetCalls() == 0 ? 0.0 : (double) ring.resetEntries() / ring.resetCalls(), ring.resetMismatches(),
                ring.ringFullExits(), ring.ringFullExits() / sec, ring.emptyRingFullExits(), ring.ringOverruns(), ring.outOfRange());
    }

    private static KvmRecord.ResetTiming resetTiming(Histogram h) {
        return new KvmRecord.ResetTiming(h.getTotalCount() == 0 ? 0 : h.getMean() / 1000, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0);
    }

    private static KvmRecord.Collection collection(KvmRun.Workload w, KvmRun.Result r) {
        Histogram c = r.cycleNanos();
        double pages = r.pagesCollected();
        return new KvmRecord.Collection(r.cycles(), r.pagesCollected(), pages == 0 ? Double.NaN : r.collectCpuNanos() / pages,
                r.ioctls(), pages == 0 ? Double.NaN : r.ioctlNanos() / pages, c.getValueAtPercentile(50) / 1000.0,
                c.getValueAtPercentile(99) / 1000.0, c.getValueAtPercentile(99.9) / 1000.0, c.getMaxValue() / 1000.0,
                w.targetWritesPerSecond(), r.guestNanosPerWrite(), r.baselineNanosPerWrite());
    }

    private static void usage(String why) {
        System.err.println("KvmMain: " + why + "; usage: KvmMain " + String.join("=... ", KEYS) + "=... OUT.json");
        System.exit(2);
    }
}
