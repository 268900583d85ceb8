package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.evidence.stats.Ratio;
import org.ringorder.evidence.stats.Verdict;

/**
 * The seed's claim (acquire-load against plain) in one run at three levels, each judged against the margin in the same
 * words: the ordering points alone (the {@link Claim}s pick's flag rule reads), the concurrent multi-vCPU workload
 * (vCPUs pushing, a collector harvesting and resetting), and the real kernel path (what the ordering adds per entry, as a
 * share of what the real dirty ring spends per page). Only the first decides anything; the others say how much of it is
 * left where the ring actually runs. Built here alone; pick prints {@link #lines}, the report shows them and draws them.
 */
public record ClaimLevels(Run run, List<Line> lines) {

    /** A level of the claim, from the narrowest measurement to the widest. */
    public enum Level {
        ORDERING_POINTS("ordering points"), CONCURRENT("concurrent workload"), KERNEL_PATH("real kernel path");

        private final String words;

        Level(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * One line of a level: where it was measured (e.g. {@code JVM (JDK 17)}, {@code 1 vCPU + collector, C (gcc)}; empty
     * where a level was not measured at all), its verdict (empty: not measured; level 3's is read as 1 + the share of the
     * kernel path), whether its null pair undermines it, and its words.
     */
    public record Line(Level level, String setting, Optional<Verdict> verdict, boolean unreliable, String words) {
        /** E.g. {@code concurrent workload, 1 vCPU + collector, JVM (JDK 17): free: ...}. */
        public String text() {
            return level.words() + (setting.isEmpty() ? "" : ", " + setting) + ": " + words;
        }

        public boolean measured() {
            return verdict.isPresent();
        }
    }

    /** The lines of one level, in order. */
    public List<Line> level(Level level) {
        return lines.stream().filter(l -> l.level() == level).toList();
    }

    /**
     * What pick and the report print above the lines: {@code claim at three levels (the flag's rule uses the first alone;
     * the others are context)}; {@code named}: with the run's label after "levels", where several runs are shown.
     */
    public String header(boolean named) {
        return "claim at three levels" + (named ? " in " + run.label() : "") + " (the flag's rule uses the first alone; the others "
                + "are context)";
    }

    /** Each line's {@link Line#text}, as pick prints them under {@link #header}. */
    public List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }

    /**
     * The three levels of a run whose timings are used; {@code orderingPoints}: its claims as pick judged them (JVM first,
     * then C where measured), so that level 1's words are exactly the claim's.
     */
    public static ClaimLevels of(Run run, List<Claim> orderingPoints, Pick.Rule rule) {
        List<Line> lines = new ArrayList<>(orderingPoints(run, orderingPoints));
        lines.addAll(concurrent(run, rule));
        lines.addAll(kernelPath(run, orderingPoints, rule));
        return new ClaimLevels(run, List.copyOf(lines));
    }

    private static List<Line> orderingPoints(Run run, List<Claim> claims) {
        List<Line> out = new ArrayList<>();
        for (String backend : List.of("jvm", "native")) {
            Optional<Claim> c = claims.stream().filter(x -> x.backend().equals(backend)).findFirst();
            out.add(c.map(x -> new Line(Level.ORDERING_POINTS, compiler(run, backend), x.verdict(), x.unreliable(), x.words()))
                    .orElseGet(() -> notMeasured(Level.ORDERING_POINTS, compiler(run, backend), run, noBackend(run, backend))));
        }
        return out;
    }

    /** Level 2: a line per backend and setting of the concurrent pairing, the claimed strategy judged as level 1 is. */
    private static List<Line> concurrent(Run run, Pick.Rule rule) {
        List<PairedResult> all = PairedResult.concurrent(run);
        List<PairedResult> claimed = all.stream().filter(p -> p.strategy().equals(Pick.CLAIMED)
                        && p.result().param("reference").equals(Costs.REFERENCE))
                .sorted(Comparator.comparing((PairedResult p) -> !p.backend().equals("jvm")).thenComparingInt(ClaimLevels::vcpus))
                .toList();
        if (claimed.isEmpty()) {
            return List.of(notMeasured(Level.CONCURRENT, "", run, all.isEmpty() ? notRun(run)
                    : "the concurrent pairing ran without " + Pick.CLAIMED));
        }
        List<Line> out = new ArrayList<>();
        for (String backend : List.of("jvm", "native")) {
            List<PairedResult> on = claimed.stream().filter(p -> p.backend().equals(backend)).toList();
            if (on.isEmpty()) {
                out.add(notMeasured(Level.CONCURRENT, compiler(run, backend), run, noBackend(run, backend)));
            }
            for (PairedResult p : on) {
                Optional<Ratio> nullPair = all.stream().filter(x -> x.strategy().equals(Costs.REFERENCE)
                        && sameSetting(x, p)).findFirst().map(PairedResult::ratio);
                Claim c = Claim.of(run, backend, compiler(run, backend), Optional.of(p.ratio()), nullPair, false, rule);
                out.add(new Line(Level.CONCURRENT, setting(p) + ", " + compiler(run, backend), c.verdict(), c.unreliable(),
                        c.words() + verification(p) + disturbed(p)));
            }
        }
        return out;
    }

    /**
     * The pairing's own check, where it failed: its stale payloads and short resets (counted over both sides, so no
     * strategy is charged with them here; must be 0), else "".
     */
    private static String verification(PairedResult p) {
        double stale = total(p, "stalePayloads");
        double shorts = total(p, "shortResets");
        return stale + shorts == 0 ? "" : String.format(Locale.ROOT, "; its verification failed: %.0f stale payloads, %.0f short "
                + "resets (either side; must be 0)", stale, shorts);
    }

    /**
     * The share of pairs the benchmark left out as disturbed (a block over three times the recent median: the host
     * took the CPU), where any was, else "" (and for runs from before it counted them).
     */
    private static String disturbed(PairedResult p) {
        double out = total(p, "disturbedPairs");
        double pairs = total(p, "pairs");
        return out == 0 || pairs == 0 ? "" : String.format(Locale.ROOT, "; %.1f%% of pairs left out as disturbed", 100 * out / pairs);
    }

    /** A counter summed over every look's forks and iterations (0 where the benchmark did not report it). */
    private static double total(PairedResult p, String counter) {
        return p.stages().stream().flatMap(s -> s.metric(counter).stream()).flatMap(m -> JmhResult.rows(m).stream())
                .flatMap(List::stream).mapToDouble(Double::doubleValue).sum();
    }

    /** Whether two concurrent results share every param but the strategy: a null pair for the other. */
    private static boolean sameSetting(PairedResult a, PairedResult b) {
        Map<String, String> x = new LinkedHashMap<>(a.result().params());
        Map<String, String> y = new LinkedHashMap<>(b.result().params());
        x.remove("strategy");
        y.remove("strategy");
        return x.equals(y);
    }

    /** E.g. {@code 1 vCPU + collector}, {@code 8 vCPUs + collector, unpinned}. */
    private static String setting(PairedResult p) {
        int n = vcpus(p);
        return n + " vCPU" + (n == 1 ? "" : "s") + " + collector" + (p.result().param("pin").equals("none") ? ", unpinned" : "");
    }

    private static int vcpus(PairedResult p) {
        return p.vcpus().matches("\\d+") ? Integer.parseInt(p.vcpus()) : 0;
    }

    /**
     * Level 3: what acquire-load adds per entry at the ordering points, (ratio - 1) x plain's ns per entry (the paired
     * ratio, not the difference of the two sides' means: its forks' common noise cancels and it carries the interval the
     * claim was judged on), over the real kernel path per page, 1e9 / pages per second of the run's kvm ring (plain's
     * record, else the first), taken as a constant. Only from a real /dev/kvm.
     */
    private static List<Line> kernelPath(Run run, List<Claim> claims, Pick.Rule rule) {
        List<KvmRecord> kvm = run.kvm();
        Optional<String> emulator = Optional.ofNullable(run.emulated())
                .or(() -> kvm.stream().map(KvmRecord::emulated).filter(e -> e != null).findFirst());
        if (emulator.isPresent()) {
            return List.of(notMeasured(Level.KERNEL_PATH, "timings under emulation are not used (" + emulator.get() + ")"));
        }
        if (kvm.isEmpty()) {
            EnvRecord.KvmInfo info = run.env().kvm();
            return List.of(notMeasured(Level.KERNEL_PATH, info != null && !info.present() ? "no /dev/kvm on this machine"
                    : info != null && info.unusable() != null ? "/dev/kvm cannot be used on this machine: " + info.unusable()
                    : "the kvm part did not run in this run"));
        }
        KvmRecord ring = kvm.stream().filter(r -> Costs.REFERENCE.equals(r.strategy())).findFirst().orElse(kvm.get(0));
        if (ring.ring() == null || !(ring.ring().pagesPerSecond() > 0)) {
            return List.of(notMeasured(Level.KERNEL_PATH, "the kvm part harvested no page"));
        }
        double kernelNs = 1e9 / ring.ring().pagesPerSecond();
        List<Line> out = new ArrayList<>();
        for (Claim c : claims) {
            Costs costs = Costs.of(run, c.backend());
            Optional<Costs.Cost> claimed = costs.of(Pick.CLAIMED).filter(x -> x.vsPlain() != null);
            Optional<Costs.Cost> plain = costs.of(Costs.REFERENCE);
            if (claimed.isPresent() && plain.isPresent()) {
                out.add(share(run, c, claimed.get().vsPlain(), plain.get().perEntry().value(), kernelNs, ring, rule));
            }
        }
        return out.isEmpty() ? List.of(notMeasured(Level.KERNEL_PATH, "the ordering points were not measured")) : out;
    }

    private static Line share(Run run, Claim c, Ratio ratio, double plainNs, double kernelNs, KvmRecord ring, Pick.Rule rule) {
        Interval r = ratio.interval(rule.level());
        double k = plainNs / kernelNs; // the share of the kernel path one unit of the ratio is worth
        Interval share = new Interval(1 + (r.point() - 1) * k, 1 + (r.low() - 1) * k, 1 + (r.high() - 1) * k, r.level(), r.forks(),
                r.basis(), r.paired(), r.kind(), r.look());
        double s = share.point() - 1;
        double toEdge = Math.max(Math.min(Math.abs(rule.margin() - s), Math.abs(rule.margin() + s)), rule.resolution());
        // the share's half-width moves with the ratio's: about k x ratio per unit of log ratio
        int more = Math.max(1, ratio.forksFor(toEdge / (k * ratio.value()), rule.level()) - ratio.forks());
        Verdict v = Verdict.of(share, rule.margin(), rule.resolution(), more);
        String delta = String.format(Locale.ROOT, "%s - %s %+.3f ns per entry", Pick.CLAIMED, Costs.REFERENCE,
                (r.point() - 1) * plainNs) + (r.hasInterval() ? String.format(Locale.ROOT, " (%+.3f..%+.3f)",
                (r.low() - 1) * plainNs, (r.high() - 1) * plainNs) : "");
        String range = share.hasInterval() ? String.format(Locale.ROOT, " (%.4f..%.4f%%)", 100 * (share.low() - 1),
                100 * (share.high() - 1)) : "";
        String words = String.format(Locale.ROOT, "%s, %.4f%%%s of the kernel path's %.0f ns per page (%s's ring, %s; the kernel path "
                + "per page taken as a constant): ", delta, 100 * s, range, kernelNs, ring.strategy(), ring.capability())
                + c.unsure() + v.phrase() + Claim.rejudged(run, rule);
        return new Line(Level.KERNEL_PATH, compiler(run, c.backend()), Optional.of(v), c.unreliable(), words);
    }

    /** {@code JVM (JDK 17)} or {@code C (gcc)}: the compiler of a backend's code, as the claim lines name it. */
    private static String compiler(Run run, String backend) {
        return backend.equals("jvm") ? "JVM (" + run.jdk() + ")" : "C (gcc)";
    }

    /** Why a backend has no line, where the run tells: none of its results ran on that backend. */
    private static String noBackend(Run run, String backend) {
        boolean any = run.results().stream().anyMatch(r -> r.param("backend").equals(backend));
        return any ? "the concurrent pairing did not run on " + (backend.equals("native") ? "the native backend" : "the JVM")
                : backend.equals("native") ? "no result on the native backend (not built: no gcc)" : "no result on the JVM";
    }

    /** Why a part the profile may run is absent: the run stopped early, or its profile did not run it (then, or with its --only). */
    private static String notRun(Run run) {
        EnvRecord.Cores cores = run.env().cores();
        if (cores != null && cores.online() < 2) {
            return "this machine has " + cores.online() + " CPU: a vCPU thread and the collector need one each";
        }
        return !run.completed() ? "the run is incomplete: it holds only the parts that finished"
                : "the run's profile (" + run.env().profile() + ") did not run it";
    }

    private static Line notMeasured(Level level, String setting, Run run, String why) {
        return new Line(level, setting, Optional.empty(), false, "not measured in " + run.dir() + (why.isEmpty() ? "" : ": " + why));
    }

    private static Line notMeasured(Level level, String why) {
        return new Line(level, "", Optional.empty(), false, "not measured: " + why);
    }
}
