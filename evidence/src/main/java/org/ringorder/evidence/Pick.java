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
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * {@code ringorder pick}: the strategy flag to use, from one or more runs, and the seed's claim.
 *
 * <p>Rules: a strategy is a candidate only if it is known safe ({@link Safety}) and no run saw it
 * lose or corrupt a page ({@link Correctness}; a part that did not run counts as no evidence, not
 * as clean). A candidate's cost in a run is its harvest + reset over plain's ({@link Costs}: paired
 * with plain where the run has it). With one run the candidate with the smallest ratio wins; with
 * several, the one whose worst ratio to each run's best candidate is smallest (the flag that is
 * never far from the best on any machine). Runs whose timings came from an emulator give
 * correctness evidence and no costs. {@code plain} is never picked for lack of observed
 * violations: on x86 it fails only where the compiler reorders.
 */
public final class Pick {
    /** The seed's claim is about this strategy against plain. */
    public static final String CLAIMED = "acquire-load";
    /** The equivalence margin stated in advance, unless {@code --margin} says otherwise. */
    public static final double DEFAULT_MARGIN = 0.02;
    /** The confidence level of every interval a verdict uses. */
    public static final double LEVEL = 0.95;

    /** How a run's verdicts are judged: the margin, the confidence level and the resolution, stated in advance. */
    public record Rule(double margin, double level, double resolution) {
        public static final Rule DEFAULT = new Rule(DEFAULT_MARGIN, LEVEL, Verdict.DEFAULT_RESOLUTION);

        public Rule(double margin, double level) {
            this(margin, level, Verdict.DEFAULT_RESOLUTION);
        }

        public Verdict judge(Ratio r) {
            return Verdict.judge(r, margin, level, resolution);
        }

        /** E.g. {@code ±0.5%}. */
        public String resolutionWords() {
            return "±" + Interval.trim(resolution * 100) + "%";
        }

        /** E.g. {@code 95%}. */
        public String levelWords() {
            return Interval.trim(level * 100) + "%";
        }

        /** E.g. {@code ±2%}. */
        public String marginWords() {
            return "±" + Interval.trim(margin * 100) + "%";
        }
    }

    public record Evidence(Run run, Costs costs, String line) {
    }

    /**
     * The seed's claim in one run on one backend: acquire-load over plain judged against the
     * margin (empty verdict: not measured), and whether the backend's null pair was free.
     */
    public record Claim(Run run, String backend, String compiler, Optional<Verdict> verdict, Optional<Verdict> nullPair,
                        boolean independent, String rejudged) {
        /** Not to be read as a plain verdict: the null pair on the same backend was not free. */
        public boolean unreliable() {
            return nullPair.isPresent() && nullPair.get().word() != Verdict.Word.FREE;
        }

        /** E.g. {@code acquire-load on x86_64, C (gcc): at the margin: +1.9% (...)}. */
        public String line() {
            return verdict.isEmpty() ? CLAIMED + " on " + run.arch() + ", " + compiler + ": not measured in " + run.dir()
                    : String.format(Locale.ROOT, "%s on %s, %s: %s", CLAIMED, run.arch(), compiler, words());
        }

        /** The verdict as every place shows it: marked unreliable where its null pair was not free, and re-judged where so. */
        public String words() {
            String unsure = unreliable() ? "unreliable (its null pair was not free: " + nullPair.get().word().text() + "): " : "";
            return verdict.map(v -> unsure + v.phrase() + rejudged
                    + (independent ? " [from independent forks: run this ringorder for a paired verdict]" : "")).orElse("not measured");
        }
    }

    public record Result(Optional<String> flag, List<Evidence> evidence, List<String> claims, List<String> warnings,
                         String why, List<Standing> standings, List<Claim> timedClaims) {
        /** A strategy's standing in this pick. */
        public Standing standing(String strategy) {
            return standings.stream().filter(s -> s.strategy().equals(strategy)).findFirst()
                    .orElse(new Standing(strategy, Standing.Kind.NOT_MEASURED, ""));
        }
    }

    private Pick() {
    }

    public static Result pick(List<Run> runs) {
        return pick(runs, Rule.DEFAULT);
    }

    public static Result pick(List<Run> runs, Rule rule) {
        List<Evidence> evidence = new ArrayList<>();
        List<String> claims = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Run, Costs> usable = new LinkedHashMap<>();
        List<String> arm64 = new ArrayList<>();
        List<Claim> timed = new ArrayList<>();
        for (Run run : runs) {
            warnings.addAll(noise(run, rule));
            arm64.addAll(arm64Instructions(run));
            if (run.emulated() != null) {
                evidence.add(new Evidence(run, new Costs(Map.of(), Optional.empty()), run.label() + " (" + run.dir()
                        + "): timings under emulation (" + run.emulated() + "): not used; correctness evidence counts"));
                claims.add(CLAIMED + " on " + run.arch() + ": timings under emulation: not used");
                continue;
            }
            Costs costs = Costs.of(run, "jvm");
            if (costs.isEmpty()) {
                evidence.add(new Evidence(run, costs, run.label() + " (" + run.dir() + "): no harvest and reset figures at "
                        + "ringSize 4096, vcpus 1, roles all: not used"));
                continue;
            }
            usable.put(run, costs);
            timed.add(claimOf(run, costs, "jvm", run.jdk(), rule));
            Costs inC = Costs.of(run, "native");
            if (!inC.isEmpty()) {
                timed.add(claimOf(run, inC, "native", "C (gcc)", rule));
            }
        }
        timed.forEach(c -> claims.add(c.line()));
        claims.addAll(arm64); // after the timed claims: what each JDK's C2 runs there, instructions only
        List<Standing> standings = standings(runs, usable);
        List<String> candidates = standings.stream().filter(x -> x.kind() == Standing.Kind.CANDIDATE).map(Standing::strategy).toList();
        Optional<String> flag = candidates.stream().min(Comparator
                .comparingDouble((String s) -> worstRelative(s, usable, candidates))
                .thenComparingDouble(s -> usable.values().stream().mapToDouble(c -> c.of(s).orElseThrow().vsPlain().value()).sum()));
        flag.ifPresent(f -> standings.replaceAll(x -> x.strategy().equals(f) ? new Standing(f, Standing.Kind.PICKED, "") : x));
        for (Map.Entry<Run, Costs> e : usable.entrySet()) {
            evidence.add(new Evidence(e.getKey(), e.getValue(), line(e.getKey(), e.getValue(), standings, rule)));
        }
        String why = flag.map(f -> why(f, usable, candidates, rule) + safety(f))
                .orElse("no run has harvest and reset figures at ringSize 4096, vcpus 1, roles all for a known-safe strategy");
        return new Result(flag, evidence, claims, warnings, why, standings, timed);
    }

    /**
     * Every strategy's standing, in {@link Strategies#NAMES} order, the flag's still "candidate":
     * the one place the rule is written (known safe, never seen failing, measured in every run).
     */
    private static List<Standing> standings(List<Run> runs, Map<Run, Costs> usable) {
        List<Standing> out = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            Safety.Verdict safety = Safety.of(s);
            List<String> failing = runs.stream().filter(r -> Correctness.of(r, s).violated())
                    .map(r -> (runs.size() > 1 ? r.label() + ": " : "") + Correctness.of(r, s).words()).toList();
            long measured = usable.values().stream().filter(c -> c.of(s).map(x -> x.vsPlain() != null).orElse(false)).count();
            if (!safety.safe()) {
                out.add(new Standing(s, Standing.Kind.UNSAFE, safety.reason()));
            } else if (!failing.isEmpty()) {
                out.add(new Standing(s, Standing.Kind.SEEN_FAILING, String.join("; ", failing)));
            } else if (measured == 0) {
                out.add(new Standing(s, Standing.Kind.NOT_MEASURED, usable.isEmpty() ? "no run has timings at the verdicts' setting"
                        : "no figure against plain at the verdicts' setting"));
            } else if (measured < usable.size()) {
                out.add(new Standing(s, Standing.Kind.NOT_MEASURED_EVERYWHERE, "measured in " + measured + " of " + usable.size()
                        + " runs"));
            } else {
                out.add(new Standing(s, Standing.Kind.CANDIDATE, ""));
            }
        }
        return out;
    }

    /**
     * Why the flag is known safe, from the safety table, and the settings it is not safe for even
     * so: a flag a commit message can defend names where it stops holding.
     */
    static String safety(String flag) {
        Safety.Verdict v = Safety.of(flag);
        return "; known safe: " + v.reason() + (v.notSafeFor().isEmpty() ? ""
                : "; not safe for " + String.join("; ", v.notSafeFor()));
    }

    private static double worstRelative(String s, Map<Run, Costs> usable, List<String> candidates) {
        double worst = 0;
        for (Costs c : usable.values()) {
            double best = candidates.stream().mapToDouble(x -> c.of(x).orElseThrow().vsPlain().value()).min().orElse(1);
            worst = Math.max(worst, c.of(s).orElseThrow().vsPlain().value() / best);
        }
        return worst;
    }

    /** Why the flag: the rule, and whether the next candidate is decidedly dearer in each run. */
    private static String why(String flag, Map<Run, Costs> usable, List<String> candidates, Rule rule) {
        StringBuilder sb = new StringBuilder("the known-safe strategy with the smallest harvest + reset cost over plain at "
                + "ringSize 4096, vcpus 1" + (usable.size() > 1 ? ", worst case over " + usable.size() + " runs" : ""));
        for (Map.Entry<Run, Costs> e : usable.entrySet()) {
            Costs c = e.getValue();
            Optional<String> next = candidates.stream().filter(x -> !x.equals(flag))
                    .min(Comparator.comparingDouble(x -> c.of(x).orElseThrow().vsPlain().value()));
            if (next.isEmpty()) {
                continue;
            }
            Ratio gap = between(c.of(next.get()).orElseThrow().vsPlain(), c.of(flag).orElseThrow().vsPlain());
            Verdict v = rule.judge(gap);
            sb.append("; ").append(usable.size() > 1 ? e.getKey().label() + ": " : "").append("the next candidate, ")
                    .append(next.get()).append(", ").append(v.word() == Verdict.Word.COSTS && gap.value() > 1
                            ? "costs " + v.interval().percent() + " more"
                            : "is not told apart from " + flag + " at " + v.interval().levelWords() + " ("
                            + v.interval().percent() + ")");
        }
        return sb.toString();
    }

    /** {@code a / b} for two ratios against the same reference from different forks. */
    static Ratio between(Ratio a, Ratio b) {
        if (!a.hasInterval() || !b.hasInterval()) {
            return new Ratio(a.logMean() - b.logMean(), Double.NaN, 0, Math.min(a.forks(), b.forks()), a.basis(), false);
        }
        double x = a.logSe() * a.logSe();
        double y = b.logSe() * b.logSe();
        double dof = (x + y) * (x + y) / (x * x / a.df() + y * y / b.df());
        return new Ratio(a.logMean() - b.logMean(), Math.sqrt(x + y), dof, Math.min(a.forks(), b.forks()),
                a.basis().ordinal() >= b.basis().ordinal() ? a.basis() : b.basis(), false);
    }

    /**
     * One evidence line: each strategy's ratio to plain and its ns per entry, ordered, with its tag
     * ([picked], [unsafe], [violations seen]); each strategy's correctness evidence; the
     * instructions its ordering points compiled to; the native backend's figures.
     */
    private static String line(Run run, Costs costs, List<Standing> standings, Rule rule) {
        StringBuilder sb = new StringBuilder(run.label()).append(" (").append(run.dir()).append("): ");
        List<String> parts = new ArrayList<>();
        costs.byStrategy().values().stream()
                .sorted(Comparator.comparingDouble(c -> c.vsPlain() == null ? Double.MAX_VALUE : c.vsPlain().value()))
                .forEach(c -> {
                    String s = c.strategy();
                    Standing.Kind kind = standings.stream().filter(x -> x.strategy().equals(s)).findFirst()
                            .map(Standing::kind).orElse(Standing.Kind.NOT_MEASURED);
                    String tag = kind == Standing.Kind.CANDIDATE ? "" : " [" + kind.words() + "]";
                    String ratio = c.vsPlain() == null ? "" : s.equals(Costs.REFERENCE) ? " (the reference)"
                            : " (" + (s.equals(CLAIMED) ? claimOf(run, costs, "jvm", run.jdk(), rule).words()
                            : rule.judge(c.vsPlain()).phrase()) + ")";
                    parts.add(s + " " + c.perEntry().interval(rule.level()).format("%.3f") + " ns/entry" + ratio + tag);
                });
        sb.append(String.join("; ", parts)).append(" [harvest + reset, ").append(costs.byStrategy().values().iterator().next()
                .source().words).append("]");
        List<String> correct = new ArrayList<>();
        for (String s : costs.byStrategy().keySet()) {
            correct.add(s + ": " + Correctness.of(run, s).words());
        }
        sb.append("; correctness: ").append(String.join("; ", correct));
        List<String> insns = new ArrayList<>();
        for (String s : costs.byStrategy().keySet()) {
            String i = instructions(run, s);
            if (!i.isEmpty()) {
                insns.add(s + " " + i);
            }
        }
        if (!insns.isEmpty()) {
            sb.append("; instructions (observe DIRTY | mark RESET, JVM): ").append(String.join(", ", insns));
        }
        Costs inC = Costs.of(run, "native");
        if (!inC.isEmpty()) {
            List<String> c = new ArrayList<>();
            inC.byStrategy().values().forEach(x -> c.add(x.strategy() + " " + x.perEntry().interval(rule.level()).format("%.3f")));
            sb.append("; native C11 backend: ").append(String.join(", ", c)).append(" ns/entry");
        }
        return sb.toString();
    }

    /**
     * The seed's claim for one run and compiler: acquire-load's cost over plain, judged against
     * the margin, naming the JDK (or "C (gcc)") and the interval the verdict used.
     */
    public static Claim claimOf(Run run, Costs costs, String backend, String compiler, Rule rule) {
        Optional<Costs.Cost> a = costs.of(CLAIMED).filter(c -> c.vsPlain() != null);
        return new Claim(run, backend, compiler, a.map(c -> rule.judge(c.vsPlain())), costs.nullPair().map(rule::judge),
                a.map(c -> c.source() == Costs.Source.INDEPENDENT).orElse(false), rejudged(run, rule));
    }

    /** Where the rule asked for differs from the run's: the interval is the run's, judged again; the run stopped at its own. */
    static String rejudged(Run run, Rule rule) {
        EnvRecord.Design d = run.env().design();
        if (d == null || d.resolutionPercent() == null) {
            return "";
        }
        boolean sameMargin = Math.abs(d.marginPercent() - rule.margin() * 100) < 1e-9;
        boolean sameResolution = Math.abs(d.resolutionPercent() - rule.resolution() * 100) < 1e-9;
        return sameMargin && sameResolution ? "" : " [re-judged at " + rule.marginWords() + ", resolution " + rule.resolutionWords()
                + ": the run stopped at ±" + Interval.trim(d.marginPercent()) + "%, resolution ±" + Interval.trim(d.resolutionPercent())
                + "%]";
    }

    /** Warnings about the machine's noise, with its figures; a null pair that is not free marks the run's verdicts unreliable. */
    static List<String> noise(Run run, Rule rule) {
        List<String> w = new ArrayList<>();
        Costs jvm = Costs.of(run, "jvm");
        for (String backend : List.of("jvm", "native")) {
            Optional<Ratio> nul = (backend.equals("jvm") ? jvm : Costs.of(run, backend)).nullPair();
            if (nul.isPresent()) {
                Verdict v = rule.judge(nul.get());
                if (v.word() != Verdict.Word.FREE) {
                    w.add(run.label() + ": the " + backend + " null pair (plain against a separately compiled plain) came out "
                            + v.phrase() + ", not free: this machine was too noisy to decide, so the run's verdicts are unreliable");
                }
            }
        }
        EnvRecord.Noise n = run.env().noise();
        if (n != null && n.stealPercent() != null && n.stealPercent() > 2) {
            w.add(String.format(Locale.ROOT, "%s: the hypervisor stole %.1f%% of the CPU time during the run", run.label(),
                    n.stealPercent()));
        }
        // the 1-minute average trails by a minute (a run just before leaves it near 1): only a machine busier than its CPUs counts
        if (n != null && n.loadAverageStart() != null && !n.loadAverageStart().isEmpty() && run.env().cores() != null
                && n.loadAverageStart().get(0) > run.env().cores().online()) {
            w.add(String.format(Locale.ROOT, "%s: the load average was %.2f when the run started, above its %d CPUs: something "
                    + "else was running", run.label(), n.loadAverageStart().get(0), run.env().cores().online()));
        }
        if (n == null && run.formatVersion() < 2) {
            w.add(run.label() + ": results-format " + run.formatVersion() + ": the machine's noise was not measured, and its "
                    + "intervals are over one fork's iterations: re-run with this ringorder for a decided verdict");
        }
        return w;
    }

    /**
     * What C2 emitted for a strategy's observe-DIRTY and mark-RESET points, per architecture in the
     * run's asm part, as mnemonics: e.g. {@code [x86_64 mov | movl; aarch64 ldar | dmb+str]}; empty without one.
     */
    public static String instructions(Run run, String strategy) {
        Map<String, String[]> byColumn = new LinkedHashMap<>();
        for (AsmRecord r : run.asm()) {
            if (!r.backend().equals("jvm") || !r.strategy().equals(strategy)) {
                continue;
            }
            int at = switch (r.point()) {
                case "observeDirty" -> 0;
                case "markReset" -> 1;
                default -> -1;
            };
            if (at >= 0) {
                byColumn.computeIfAbsent(r.column(), k -> new String[2])[at] = mnemonics(r.instructions());
            }
        }
        List<String> parts = new ArrayList<>();
        byColumn.forEach((column, p) -> parts.add(column + " " + p[0] + " | " + p[1]));
        return parts.isEmpty() ? "" : "[" + String.join("; ", parts) + "]";
    }

    /** E.g. {@code dmb ishld+dmb ishst+str}: each instruction's mnemonic, with a barrier's option and a lock's instruction. */
    static String mnemonics(List<String> instructions) {
        List<String> ops = new ArrayList<>();
        for (String x : instructions) {
            String[] w = x.split(" ");
            ops.add(w.length > 1 && (w[0].equals("lock") || w[0].equals("dmb") || w[0].equals("dsb")) ? w[0] + " " + w[1] : w[0]);
        }
        return ops.isEmpty() ? "-" : String.join("+", ops);
    }

    /**
     * The seed's claim on arm64 from the instructions alone, one line per C2 (JDK and setting)
     * a run read: what acquire-load's observe DIRTY (a load-acquire) and mark RESET (a release
     * store, and what it costs in barriers) compile to. Read under QEMU: instructions, no timing.
     */
    static List<String> arm64Instructions(Run run) {
        Map<String, AsmRecord[]> byColumn = new LinkedHashMap<>();
        for (AsmRecord r : run.asm()) {
            if (r.arch().equals("aarch64") && r.backend().equals("jvm") && r.strategy().equals(CLAIMED)
                    && (r.point().equals("observeDirty") || r.point().equals("markReset"))) {
                byColumn.computeIfAbsent(r.column(), k -> new AsmRecord[2])[r.point().equals("observeDirty") ? 0 : 1] = r;
            }
        }
        List<String> lines = new ArrayList<>();
        byColumn.forEach((column, p) -> {
            if (p[0] == null || p[1] == null) {
                return;
            }
            List<String> barriers = p[1].instructions().stream().filter(x -> x.startsWith("dmb")).toList();
            String release = p[1].instructions().stream().anyMatch(x -> x.startsWith("stlr")) ? "a store-release (stlr)"
                    : barriers.isEmpty() ? "a plain store" : barriers.size() + " barrier" + (barriers.size() > 1 ? "s" : "") + " ("
                    + String.join(", ", barriers) + ") before a plain str";
            String acquire = p[0].instructions().stream().anyMatch(x -> x.startsWith("ldar") || x.startsWith("ldapr"))
                    ? "a load-acquire (" + mnemonics(p[0].instructions()) + ")" : mnemonics(p[0].instructions());
            lines.add(CLAIMED + " on aarch64, C2 of " + p[0].compiler() + ": observe DIRTY is " + acquire + "; mark RESET is "
                    + release + " [instructions from " + run.dir() + ", read under QEMU: no timing]");
        });
        return lines;
    }

    /**
     * The capability rule for a run with a kvm part: which dirty-ring capabilities its kernel
     * offers, and what that asks of userspace's ordering. Empty without a kvm part.
     */
    public static Optional<String> kvmRule(Run run) {
        if (run.kvm().isEmpty()) {
            return Optional.empty();
        }
        KvmRecord r = run.kvm().get(0);
        boolean tso = r.capabilities().capDirtyLogRing() > 0;
        boolean acqRel = r.capabilities().capDirtyLogRingAcqRel() > 0;
        String offers = tso && acqRel ? "KVM_CAP_DIRTY_LOG_RING and KVM_CAP_DIRTY_LOG_RING_ACQ_REL"
                : acqRel ? "only KVM_CAP_DIRTY_LOG_RING_ACQ_REL" : "only KVM_CAP_DIRTY_LOG_RING";
        return Optional.of(run.label() + ": the kernel offers " + offers + " (one kernel path: the capability is a contract "
                + "about userspace's ordering, not a mechanism). " + (acqRel && !tso
                ? "Userspace must use an ordered strategy (acquire-load or stronger)."
                : "Where a kernel offers only the ACQ_REL capability (arm64, RISC-V, LoongArch) userspace must use an ordered "
                + "strategy; the TSO capability tolerates plain flag accesses only in C compiled as the kernel expects, "
                + "never in Java, whose JIT may reorder plain accesses (the litmus tests saw it)."));
    }
}
