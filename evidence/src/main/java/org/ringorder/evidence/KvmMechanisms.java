package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.ringorder.evidence.stats.Basis;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.evidence.stats.Mean;

/**
 * The ring against the bitmap, read from kvm.json: each line (ring strategy or bitmap mode) at each
 * setting, over its processes. What the command prints, the report's table and the kvm-mechanisms
 * chart all come from here. Rows of a test-only broken order never enter it.
 */
public record KvmMechanisms(List<Point> points) {
    /** The level of every interval here: over processes, each one observation. */
    public static final double LEVEL = 0.95;

    /**
     * One line at one setting. {@code cpuNanosPerPage}: the collector's CPU time (user + kernel)
     * per page collected; {@code ioctlNanosPerPage}: the tracking ioctls' wall time per page;
     * {@code slowdown}: the guest's KVM_RUN CPU time per write over the untracked guest's, less one.
     */
    public record Point(String line, String mechanism, int dataMiB, int dirtyMiB, int writesPerExit, double writesPerSecond,
                        Spread cpuNanosPerPage, Spread ioctlNanosPerPage, Spread slowdown, Spread cycleP99Micros,
                        long differences, boolean emulated, double achievedWritesPerSecond) {
        public int processes() {
            return cpuNanosPerPage.n();
        }

        /** A paced guest that did not reach nine tenths of its rate: the setting asks more than this machine's guest does. */
        public boolean fellBehind() {
            return achievedWritesPerSecond < 0.9 * writesPerSecond;
        }
    }

    /** A figure over processes: the mean with its 95% interval (Student t), the median, the range. */
    public record Spread(Interval mean, double median, double min, double max, int n) {
        static Spread of(double[] xs) {
            double[] s = xs.clone();
            Arrays.sort(s);
            double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
            return new Spread(Mean.of(xs, xs.length > 1 ? Basis.FORKS : Basis.ONE_SAMPLE).interval(LEVEL), median, s[0], s[s.length - 1],
                    s.length);
        }

        /** E.g. {@code 812 (95% CI 790..834, 5 forks), median 805, range 780..850}. */
        public String format(String pattern) {
            return mean.format(pattern) + String.format(Locale.ROOT, ", median " + pattern + ", range " + pattern + ".." + pattern,
                    median, min, max);
        }
    }

    public static KvmMechanisms of(List<KvmRecord> rows) {
        Map<String, List<KvmRecord>> groups = new LinkedHashMap<>();
        for (KvmRecord r : rows) {
            if (r.collection() != null && r.broken() == null && r.workload().dirtyMiB() != null) {
                groups.computeIfAbsent(r.line() + "|" + r.setting(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Point> points = new ArrayList<>();
        for (List<KvmRecord> g : groups.values()) {
            KvmRecord f = g.get(0);
            KvmRecord.Workload w = f.workload();
            double target = f.collection().targetWritesPerSecond();
            double rate = target > 0 ? target : g.stream().mapToDouble(r -> r.guest().writesPerSecond()).average().orElse(0);
            points.add(new Point(f.line(), f.isRing() ? KvmRecord.RING : KvmRecord.BITMAP, w.dataMiB(), w.dirtyMiB(), w.writesPerExit(), rate,
                    spread(g, r -> r.collection().cpuNanosPerPage()), spread(g, r -> r.collection().ioctlNanosPerPage()),
                    spread(g, r -> r.collection().slowdown()), spread(g, r -> r.collection().cycleP99Micros()),
                    g.stream().mapToLong(r -> r.migration().differences()).sum(), f.emulated() != null,
                    g.stream().mapToDouble(r -> r.guest().writesPerSecond()).average().orElse(0)));
        }
        return new KvmMechanisms(points);
    }

    private static Spread spread(List<KvmRecord> g, ToDoubleFunction<KvmRecord> f) {
        return Spread.of(g.stream().mapToDouble(f).toArray());
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The first point's setting: the sweep's base, around which one knob at a time varies. */
    public Point base() {
        return points.get(0);
    }

    /** The points at the base dirty set and rate, each line's slot sizes ascending. */
    public List<Point> againstSlotSize() {
        Point b = base();
        return points.stream().filter(p -> p.dirtyMiB() == b.dirtyMiB() && p.writesPerExit() == b.writesPerExit())
                .sorted((x, y) -> Integer.compare(x.dataMiB(), y.dataMiB())).toList();
    }

    /** The points at the base slot and dirty set, each line's dirty rates ascending. */
    public List<Point> againstDirtyRate() {
        Point b = base();
        return points.stream().filter(p -> p.dataMiB() == b.dataMiB() && p.dirtyMiB() == b.dirtyMiB())
                .sorted((x, y) -> Double.compare(x.writesPerSecond(), y.writesPerSecond())).toList();
    }

    /** The command's summary: a line per point, costs only where they were not taken under emulation. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        for (Point p : points) {
            String where = String.format(Locale.ROOT, "%s at %d MiB slot, %d MiB dirty, %s writes/s", p.line(), p.dataMiB(), p.dirtyMiB(),
                    rate(p.writesPerSecond()));
            String costs = p.emulated() ? "timings under emulation: not used"
                    : "CPU per page collected " + p.cpuNanosPerPage().format("%.0f") + " ns; ioctls "
                    + String.format(Locale.ROOT, "%.0f", p.ioctlNanosPerPage().median()) + " ns/page; guest slowdown "
                    + String.format(Locale.ROOT, "%+.1f%%", 100 * p.slowdown().median()) + "; cycle p99 "
                    + String.format(Locale.ROOT, "%.1f", p.cycleP99Micros().median()) + " us (medians)";
            out.add(where + ": " + costs + "; migration check " + (p.differences() == 0 ? "clean" : p.differences() + " LOST WRITES")
                    + (p.fellBehind() && !p.emulated() ? "; the guest fell behind (" + rate(p.achievedWritesPerSecond()) + " writes/s)" : ""));
        }
        return out;
    }

    /** E.g. {@code 256k}, {@code 1.02M}. */
    public static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2fM", perSecond / 1e6)
                : String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
    }
}
