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
    static final List<String> KEYS = List.of("line", "vcpus", "ring", "mib", "dirtyMib", "pattern", "seconds", "reapUs", "exitUs",
            "writesPerExit", "clearChunkPages", "repetition", "break");

    private KvmMain() {
    }

    /** The arguments for one line's JVM, before the output file. */
    public static List<String> args(String line, KvmRun.Setting s, int repetition) {
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
        KvmRun.Setting s = new KvmRun.Setting(Integer.parseInt(a.get("vcpus")), Integer.parseInt(a.get("ring")),
                Integer.parseInt(a.get("mib")), Integer.parseInt(a.get("dirtyMib")), KvmRun.Pattern.byName(a.get("pattern")),
                Math.round(Double.parseDouble(a.get("seconds")) * 1000), Long.parseLong(a.get("reapUs")),
                Long.parseLong(a.get("exitUs")), Integer.parseInt(a.get("writesPerExit")), Long.parseLong(a.get("clearChunkPages")),
                Break.byName(a.get("break")));
        int repetition = Integer.parseInt(a.get("repetition"));
        long[] caps = Kvm.probe();
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

    private static KvmRecord record(ResetStrategy strategy, BitmapMode mode, KvmRun.Setting s, int repetition, long[] caps,
                                    KvmRun.Result r) {
        double sec = r.millis() / 1000.0;
        KvmRun.RingFigures ring = r.ring() != null ? r.ring()
                : new KvmRun.RingFigures(0, 0, 0, new Histogram(1), 0, 0, 0, 0);
        Histogram h = ring.resetNanos();
        Histogram c = r.cycleNanos();
        double pages = r.pagesCollected();
        var collection = new KvmRecord.Collection(r.cycles(), r.pagesCollected(), pages == 0 ? Double.NaN : r.collectCpuNanos() / pages,
                r.ioctls(), pages == 0 ? Double.NaN : r.ioctlNanos() / pages, c.getValueAtPercentile(50) / 1000.0,
                c.getValueAtPercentile(99) / 1000.0, c.getValueAtPercentile(99.9) / 1000.0, c.getMaxValue() / 1000.0,
                s.targetWritesPerSecond(), r.guestNanosPerWrite(), r.baselineNanosPerWrite());
        var m = r.migration();
        var migration = new KvmRecord.Migration(m.copies(), m.resent(), m.differences(), m.neverSent());
        long harvested = strategy == null ? 0 : ring.resetEntries();
        return new KvmRecord(strategy == null ? null : strategy.name(), "userspace", r.capability(), caps[0], caps[1], s.vcpus(),
                s.ringEntries(), s.dataMiB(), s.pattern().flag(), s.reapIntervalMicros(), r.millis(), harvested, harvested / sec,
                ring.resetCalls(), ring.resetCalls() == 0 ? 0.0 : (double) ring.resetEntries() / ring.resetCalls(), ring.resetMismatches(),
                h.getTotalCount() == 0 ? 0 : h.getMean() / 1000, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, ring.ringFullExits(), ring.ringFullExits() / sec, ring.emptyRingFullExits(),
                ring.ringOverruns(), r.guestWrites(), r.guestWrites() / sec, m.written(), m.neverSent(), ring.outOfRange(),
                m.differences() + ring.outOfRange() + ring.resetMismatches(), Kvm.backend(), Kvm.pageSize(), caps[2],
                caps[2] > 0 ? KvmRecord.WITH_BITMAP_NOT_ENABLED : "not offered", Emulation.emulator(),
                strategy != null ? KvmRecord.RING : KvmRecord.BITMAP, mode == null ? null : mode.flag(), caps[3], s.dirtyMiB(),
                s.writesPerExit(), s.exitIntervalMicros(), s.clearChunkPages(), repetition, s.brk() == Break.NONE ? null : s.brk().flag(),
                collection, migration);
    }

    private static void usage(String why) {
        System.err.println("KvmMain: " + why + "; usage: KvmMain " + String.join("=... ", KEYS) + "=... OUT.json");
        System.exit(2);
    }
}
