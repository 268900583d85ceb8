package org.ringorder.plot;

import com.google.gson.JsonElement;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ringorder.evidence.AsmTable;
import org.ringorder.evidence.ClaimLevels;
import org.ringorder.evidence.Correctness;
import org.ringorder.evidence.Costs;
import org.ringorder.evidence.EnvRecord;
import org.ringorder.evidence.JmhRecord;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.Json;
import org.ringorder.evidence.KvmMechanisms;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Latency;
import org.ringorder.evidence.LitmusRecord;
import org.ringorder.evidence.PairedResult;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.StressRecord;
import org.ringorder.evidence.stats.Ratio;
import org.ringorder.strategy.LinuxKernel;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * {@code report.html}: one self-contained page (charts inlined) with the verdict, the evidence,
 * the charts, every figure, the environment and how to reproduce. The page is a Mustache
 * template ({@code report.html.mustache}); this class only gathers what it shows, already in
 * words and numbers: the template escapes every value. Pick's standings, verdicts and claims come
 * from its caller's {@link Pick.Result}, formatted here, never decided or worded again.
 */
public final class Report {
    private static final Mustache.Compiler MUSTACHE = Mustache.compiler().defaultValue("");
    /** The charts the page opens with: the claim, and the claim at three levels beside it. */
    static final List<String> HEADLINES = List.of("claim", ClaimLevelsChart.NAME);

    private Report() {
    }

    /** A row of a two-column table. */
    record Pair(String key, String value) {
    }

    record Figure(String name, String title, String caption, String png) {
    }

    record VerdictRow(String strategy, String safe, String safeReason, String cost, String vsPlain, boolean hasNative,
                      String nativeCost, String jvmOverC, String correctness, String verdict) {
    }

    /** {@code pick}: the run's own pick ({@link Pick#pick} of this run alone). */
    public static String forRun(Run run, Pick.Result pick, List<Chart> charts, Map<String, byte[]> pngs, Pick.Rule rule) {
        Pick.Evidence evidence = pick.evidence(run);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "ringorder: " + run.label());
        m.put("incomplete", run.completed() ? null : Map.of("dir", run.dir().toString(), "results", run.results().size()));
        m.put("emulated", run.emulated() == null ? null : Map.of("emulated", run.emulated()));
        m.put("warnings", pick.warnings());
        m.put("flag", pick.flag().orElse("none"));
        m.put("why", pick.why());
        m.put("claims", pick.claims());
        m.put("levels", pick.levels(run).map(l -> levels(l, false)).orElse(null));
        m.put("level", rule.levelWords());
        m.put("margin", rule.marginWords());
        Costs costs = evidence.costs();
        m.put("hasNative", !evidence.inC().isEmpty());
        m.put("verdictRows", verdictRows(evidence, pick, rule));
        m.put("source", costs.isEmpty() ? "not measured" : costs.byStrategy().values().iterator().next().source().words);
        m.put("noise", table(noise(run.env())));
        m.put("design", table(design(run.env())));
        m.put("jniCall", jniCall(run, rule));
        m.put("stress", stress(run));
        m.put("litmus", litmus(run));
        m.put("safety", safetyTable());
        m.put("asm", asm(run));
        m.put("kvm", kvm(run, evidence, rule));
        m.put("kvmLeftOut", run.kvm().isEmpty() && run.env().kvm() != null ? run.env().kvm().unusable() : null);
        m.put("mechanisms", mechanisms(run));
        m.put("latency", latency(run));
        m.put("figures", figures(charts, pngs));
        m.put("headline", headline(charts, pngs));
        m.put("figureRows", figureRows(run, rule));
        List<Pair> env = new ArrayList<>();
        flatten(env, "", Json.toTree(run.env()));
        m.put("env", env);
        m.put("commit", run.env().gitCommit() == null ? "" : run.env().gitCommit().replace("+dirty", ""));
        m.put("profile", run.env().profile());
        m.put("jvm", run.env().jvm() == null ? "JDK" : run.env().jvm().home());
        m.put("dir", run.dir().toString());
        return template("report.html.mustache").execute(m);
    }

    /** {@code pick}: the runs' pick ({@link Pick#pick} of them all). */
    public static String forComparison(List<Run> runs, Pick.Result pick, List<Chart> charts, Map<String, byte[]> pngs, Pick.Rule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "ringorder: comparison of " + runs.size() + " runs");
        m.put("incomplete", runs.stream().filter(r -> !r.completed()).map(r -> r.dir().toString()).toList());
        m.put("warnings", pick.warnings());
        m.put("flag", pick.flag().orElse("none"));
        m.put("why", pick.why());
        m.put("evidence", pick.evidence().stream().map(Pick.Evidence::line).toList());
        m.put("claims", pick.claims());
        m.put("levels", pick.levels().stream().map(l -> levels(l, true)).toList());
        m.put("level", rule.levelWords());
        m.put("margin", rule.marginWords());
        m.put("runs", runs.stream().map(r -> Map.of("label", r.label(), "dir", r.dir().toString(),
                "completed", r.completed() ? "yes" : "no", "commit", String.valueOf(r.env().gitCommit()),
                "profile", String.valueOf(r.env().profile()), "format", String.valueOf(r.formatVersion()))).toList());
        m.put("figures", figures(charts, pngs));
        m.put("headline", headline(charts, pngs));
        m.put("standings", pick.standings().stream().map(x -> new Pair(x.strategy(), x.words())).toList());
        return template("comparison.html.mustache").execute(m);
    }

    /** A run's claim at three levels as pick prints it: its header ({@code named}: with the run's label) and its lines. */
    private static Map<String, Object> levels(ClaimLevels l, boolean named) {
        return Map.of("header", l.header(named), "lines", l.texts());
    }

    private static Template template(String name) {
        try (Reader in = new InputStreamReader(Report.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
            return MUSTACHE.compile(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row per strategy: its figures, pick's verdict against plain (the claim's own words for the claim) and its standing. */
    private static List<VerdictRow> verdictRows(Pick.Evidence e, Pick.Result pick, Pick.Rule rule) {
        List<VerdictRow> rows = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            Optional<Costs.Cost> c = e.costs().of(s);
            Safety.Assessment a = Safety.of(s);
            Optional<Costs.Cost> n = e.inC().of(s);
            String vsPlain = c.map(x -> x.vsPlain() == null ? "" : s.equals(Costs.REFERENCE)
                    ? e.nullPair().map(v -> "the reference; its null pair: " + v.phrase()).orElse("the reference")
                    : e.vsPlain().getOrDefault(s, "")).orElse("");
            String jvmOverC = c.isPresent() && n.isPresent()
                    ? String.format(Locale.ROOT, "%.2f", Ratio.independent(c.get().perEntry(), n.get().perEntry()).value()) : "";
            String weaker = a.safe() ? e.run().emittedOrder().notKnownSafeWhere(s) : "";
            rows.add(new VerdictRow(s, !a.safe() ? "no" : weaker.isEmpty() ? "yes" : "yes, as Java; " + weaker.substring(2), a.words() + weaker,
                    c.map(x -> x.perEntry().interval(rule.level()).format("%.3f")).orElse("not measured"), vsPlain,
                    !e.inC().isEmpty(), n.map(x -> x.perEntry().interval(rule.level()).format("%.3f")).orElse(""), jvmOverC,
                    Correctness.of(e.run(), s).words(), pick.standing(s).words()));
        }
        return rows;
    }

    /** A section's table, or null (no section) when it has no rows. */
    private static Map<String, Object> table(List<Pair> rows) {
        return rows.isEmpty() ? null : Map.of("rows", rows);
    }

    private static List<Pair> noise(EnvRecord env) {
        List<Pair> rows = new ArrayList<>();
        EnvRecord.Noise n = env.noise();
        if (n == null) {
            return rows;
        }
        if (n.jvmNullPair() != null) {
            rows.add(new Pair("null pair, JVM (plain against a separately compiled plain)", nullPair(n.jvmNullPair())));
        }
        if (n.nativeNullPair() != null) {
            rows.add(new Pair("null pair, C (plain against plain's kernels compiled twice)", nullPair(n.nativeNullPair())));
        }
        if (n.stealPercent() != null) {
            rows.add(new Pair("CPU time stolen by the hypervisor during the run", String.format(Locale.ROOT, "%.2f%%", n.stealPercent())));
        }
        if (n.loadAverageStart() != null) {
            rows.add(new Pair("load average (1, 5, 15 min) at the start, at the end", n.loadAverageStart() + ", " + n.loadAverageEnd()));
        }
        return rows;
    }

    private static String nullPair(EnvRecord.NullPair p) {
        return p.verdict();
    }

    private static List<Pair> design(EnvRecord env) {
        List<Pair> rows = new ArrayList<>();
        EnvRecord.Design d = env.design();
        if (d == null) {
            return rows;
        }
        rows.add(new Pair("equivalence margin, stated in advance", "±" + d.marginPercent() + "%"));
        rows.add(new Pair("confidence level of every interval", d.confidencePercent() + "%"));
        if (d.budgetSeconds() != null) {
            rows.add(new Pair("time budget", String.format(Locale.ROOT, "%.0f s", d.budgetSeconds())));
        }
        if (d.pilotForks() != null) {
            rows.add(new Pair("pilot: null-pair forks per backend", String.valueOf(d.pilotForks())));
        }
        if (d.pilotSpreadPercent() != null) {
            rows.add(new Pair("between-fork spread the pilot measured (sd of the fork log-ratios)",
                    String.format(Locale.ROOT, "%.2f%%", d.pilotSpreadPercent())));
        }
        if (d.claimFirstStageForks() != null) {
            rows.add(new Pair("the claim's first stage: forks per backend", String.valueOf(d.claimFirstStageForks())));
        }
        if (d.targetHalfWidthPercent() != null) {
            rows.add(new Pair("the widest claim interval the second stage aims for", "±" + d.targetHalfWidthPercent() + "%"));
        }
        if (d.claimSpreadPercent() != null && !d.claimSpreadPercent().isEmpty()) {
            rows.add(new Pair("the first stage's spread (sd of its fork log-ratios)", percents(d.claimSpreadPercent())));
        }
        if (d.claimForks() != null && !d.claimForks().isEmpty()) {
            rows.add(new Pair("the claim's forks in all (chosen from the first stage's spread, never its mean)", d.claimForks().toString()));
        }
        if (d.candidateForks() != null) {
            rows.add(new Pair("forks per other candidate", String.valueOf(d.candidateForks())));
        }
        if (d.resolutionPercent() != null) {
            rows.add(new Pair("resolution, stated in advance (an interval this narrow astride an edge is at the margin)",
                    "±" + d.resolutionPercent() + "%"));
        }
        if (d.spending() != null) {
            rows.add(new Pair("alpha spending (repeated confidence intervals)", d.spending()));
        }
        if (d.sequences() != null) {
            for (EnvRecord.Sequence s : d.sequences()) {
                rows.add(new Pair(s.role() + ": " + s.strategy() + " on " + s.backend()
                        + (s.workload() == null ? "" : ", " + s.workload() + " workload"), sequence(s)));
            }
        }
        if (d.rule() != null) {
            rows.add(new Pair("rule", d.rule()));
        }
        return rows;
    }

    /** E.g. {@code looks at 10, 18 forks (planned 10, 14, 18; at most 18 for ±0.5%); first-look spread 1.20%; stopped: free at look 2}. */
    private static String sequence(EnvRecord.Sequence s) {
        List<String> ran = new ArrayList<>();
        s.looks().forEach(l -> ran.add(l.forks() + " (" + l.word() + (l.critical() == null ? ""
                : String.format(Locale.ROOT, ", %.2f SE", l.critical())) + ")"));
        return "looks at " + String.join(", ", ran) + " forks; planned " + s.plannedLooks() + String.format(Locale.ROOT,
                ", at most %d forks for ±%.2f%%", s.maxForks(), s.targetHalfWidthPercent())
                + (s.firstLookSpreadPercent() == null ? "" : String.format(Locale.ROOT, "; first-look spread %.2f%%",
                s.firstLookSpreadPercent())) + "; stopped: " + s.stop();
    }

    private static String percents(Map<String, Double> byBackend) {
        List<String> parts = new ArrayList<>();
        byBackend.forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%.2f%%", v)));
        return String.join(", ", parts);
    }

    private static String jniCall(Run run, Pick.Rule rule) {
        return run.results().stream().filter(r -> r.benchmark().endsWith("JniCallBench.call")).findFirst()
                .map(r -> "Native backend: one JNI call costs " + r.perCall().interval(rule.level()).format("%.2f")
                        + " ns; the native kernels make one call per ring pass, so at 4096 entries the call adds "
                        + String.format(Locale.ROOT, "%.4f", r.score() / 4096) + " ns per entry.").orElse(null);
    }

    private static Map<String, Object> stress(Run run) {
        List<StressRecord> stress = run.stress();
        if (stress.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StressRecord r : stress) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("strategy", r.strategy());
            row.put("roles", r.roles());
            row.put("entriesChecked", r.entriesChecked());
            row.put("seconds", String.format(Locale.ROOT, "%.1f", r.millis() / 1000.0));
            row.put("stalePayloads", r.stalePayloads());
            row.put("shortResets", r.shortResets());
            row.put("overwrites", r.overwrites());
            row.put("lostPages", r.lostPages());
            row.put("verdict", r.violations() == 0 ? "no violation seen" : "loses or corrupts pages");
            rows.add(row);
        }
        return Map.of("rows", rows);
    }

    private static Map<String, Object> litmus(Run run) {
        List<LitmusRecord> litmus = run.litmus();
        if (litmus.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LitmusRecord t : litmus) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("shape", t.shape());
            row.put("form", t.form() == null ? "" : t.form());
            row.put("strategy", t.strategy());
            row.put("roles", t.rolesOrAll());
            row.put("actors", t.actors());
            Safety.Expectation e = cell(t);
            row.put("reason", e == null ? "" : e.reason());
            row.put("basis", e == null ? "" : e.basis().words());
            row.put("expect", t.expect());
            row.put("counts", t.ran() ? t.badSamples() + " / " + t.samples() : "");
            row.put("verdict", !t.ran() ? "not run: " + t.skipped() : t.state());
            rows.add(row);
        }
        return Map.of("rows", rows, "mode", litmus.get(0).mode());
    }

    /** The safety table's cell a litmus record was run against, or null for a shape this build does not know. */
    private static Safety.Expectation cell(LitmusRecord t) {
        try {
            return Safety.expect(t.strategy(), Roles.byName(t.rolesOrAll()), Safety.Shape.byId(t.shape()));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The one table of expectations: a row per strategy and roles, and the kernel model's; a cell per shape. */
    private static Map<String, Object> safetyTable() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Roles roles : Roles.values()) {
            for (String w : Strategies.NAMES) {
                rows.add(safetyRow(w, roles));
            }
        }
        rows.add(safetyRow(LinuxKernel.NAME, Roles.USERSPACE));
        return Map.of("shapes", List.of(Safety.Shape.values()).stream().map(Safety.Shape::id).toList(), "rows", rows);
    }

    private static Map<String, Object> safetyRow(String who, Roles roles) {
        boolean kernelModel = who.equals(LinuxKernel.NAME);
        List<Map<String, String>> cells = new ArrayList<>();
        for (Safety.Shape shape : Safety.Shape.values()) {
            boolean kernelsAlone = shape.kernelsAlone(roles);
            Safety.Expectation e = Safety.expect(who, roles, shape);
            String word = kernelModel != kernelsAlone ? (kernelModel ? "" : "the kernel's (linux)")
                    : !shape.roles().contains(roles) ? "as under roles all"
                    : e.forbidden() ? "forbidden (" + e.basis().words() + ")" : "allowed";
            cells.add(Map.of("word", word, "reason", kernelModel != kernelsAlone ? "" : e.reason()));
        }
        return Map.of("who", who, "roles", roles.flag(), "cells", cells);
    }

    private static Map<String, Object> asm(Run run) {
        if (run.asm().isEmpty()) {
            return null;
        }
        AsmTable table = AsmTable.of(run.asm());
        List<Map<String, Object>> rows = new ArrayList<>();
        table.rows().forEach((row, byCol) -> rows.add(Map.of("strategy", row.strategy(), "point", row.point(),
                "cells", table.columns().stream().map(c -> byCol.getOrDefault(c, "")).toList())));
        return Map.of("columns", table.columns(), "rows", rows, "checked", run.emittedOrder().lines());
    }

    private static Map<String, Object> kvm(Run run, Pick.Evidence evidence, Pick.Rule rule) {
        List<KvmRecord> kvm = run.kvm();
        if (kvm.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (KvmRecord r : kvm) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("strategy", r.strategy());
            row.put("pagesPerSecond", String.format(Locale.ROOT, "%.0f", r.ring().pagesPerSecond()));
            row.put("entriesPerReset", String.format(Locale.ROOT, "%.2f", r.ring().entriesPerReset()));
            row.put("reset", String.format(Locale.ROOT, "%.2f / %.2f", r.resetTiming().meanMicros(), r.resetTiming().p99Micros()));
            row.put("ringFull", String.format(Locale.ROOT, "%.1f", r.ring().ringFullPerSecond()));
            row.put("guestWrites", String.format(Locale.ROOT, "%.0f", r.guest().writesPerSecond()));
            row.put("pagesWritten", r.guest().pagesWritten());
            row.put("verdict", (r.violations() == 0 ? r.migration() != null ? "every written page reported, every final page equal to its "
                    + "last copy" : "every written page reported" : r.violations() + " violations")
                    + (r.ring().ringOverruns() > 0 ? " (kernel ring overrun: " + r.ring().ringOverruns() + " passes found a whole ring DIRTY)" : ""));
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("rule", evidence.kvmRule().orElse(null));
        m.put("time", kvm.stream().filter(r -> r.strategy().equals(Pick.CLAIMED)).findFirst().map(r -> {
            double perPage = 1e9 / r.ring().pagesPerSecond();
            String ordering = evidence.costs().of(Pick.CLAIMED).map(c -> "of which the ordering (harvest + reset per entry, measured alone) is "
                    + c.perEntry().interval(rule.level()).format("%.2f") + " ns, "
                    + String.format(Locale.ROOT, "%.2f%%", 100 * c.perEntry().value() / perPage) + ". ").orElse("");
            return "Where the time goes: with " + Pick.CLAIMED + " the real dirty ring costs "
                    + String.format(Locale.ROOT, "%.0f", perPage) + " ns per harvested page (guest write fault, push, harvest, "
                    + "reset ioctl, re-protect), " + ordering + "KVM here is served by " + run.kvmFlavour()
                    + (run.kvmFlavour().equals("kvm_pvm") ? " (software virtualisation: fault and exit costs are not bare-metal costs)" : "")
                    + ".";
        }).orElse(null));
        return m;
    }

    /** The ring against the bitmap: a row per line and setting, from the same figures as the kvm-mechanisms chart. */
    private static Map<String, Object> mechanisms(Run run) {
        KvmMechanisms m = KvmMechanisms.of(run.kvmAll());
        if (m.isEmpty() || m.points().stream().noneMatch(p -> p.mechanism().equals(KvmRecord.BITMAP))) {
            return null;
        }
        boolean timed = run.emulated() == null;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (KvmMechanisms.Point p : m.points()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", p.line());
            row.put("slot", p.dataMiB());
            row.put("dirty", p.dirtyMiB());
            row.put("rate", KvmMechanisms.rate(p.writesPerSecond()) + (p.fellBehind() && timed ? " (reached " + KvmMechanisms.rate(
                    p.achievedWritesPerSecond()) + ")" : ""));
            row.put("cpu", timed ? p.cpuNanosPerPage().format("%.0f") : "not used");
            row.put("ioctl", timed ? String.format(Locale.ROOT, "%.0f", p.ioctlNanosPerPage().median()) : "not used");
            row.put("slowdown", timed ? String.format(Locale.ROOT, "%+.1f%%", 100 * p.slowdown().median()) : "not used");
            row.put("cycle", timed ? String.format(Locale.ROOT, "%.1f", p.cycleP99Micros().median()) : "not used");
            row.put("check", p.differences() == 0 ? "clean" : p.differences() + " lost writes");
            rows.add(row);
        }
        return Map.of("rows", rows, "flavour", run.kvmFlavour(), "pvm", run.kvmFlavour().equals("kvm_pvm"));
    }

    private static Map<String, Object> latency(Run run) {
        List<Latency> all = Latency.read(run);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Latency l : all) {
            if (l.kind().equals("reset-call") && l.fork() == 1 && l.vcpus().equals("1")) {
                rows.add(Map.of("placement", l.placement(), "strategy", l.strategy(), "p50", at(l, 0.5), "p99", at(l, 0.99),
                        "p999", at(l, 0.999)));
            }
        }
        return rows.isEmpty() ? null : Map.of("rows", rows);
    }

    private static String at(Latency l, double p) {
        return l.at(p).map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("");
    }

    /** Every chart but the headlines, which the page shows first. */
    private static List<Figure> figures(List<Chart> charts, Map<String, byte[]> pngs) {
        return charts.stream().filter(c -> !HEADLINES.contains(c.name())).map(c -> figure(c, pngs)).toList();
    }

    private static Figure figure(Chart c, Map<String, byte[]> pngs) {
        return new Figure(c.name(), c.title(), c.caption(), Base64.getEncoder().encodeToString(pngs.get(c.name())));
    }

    /** The claim against the margin, and at its three levels: the first things on the page. */
    private static List<Figure> headline(List<Chart> charts, Map<String, byte[]> pngs) {
        return charts.stream().filter(c -> HEADLINES.contains(c.name())).map(c -> figure(c, pngs)).toList();
    }

    private static List<Map<String, String>> figureRows(Run run, Pick.Rule rule) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (PairedResult p : PairedResult.all(run.results())) {
            rows.add(Map.of("benchmark", p.result().shortName(), "strategy", p.strategy(), "setting", setting(p.result()), "value",
                    p.perEntry(PairedResult.Side.TEST, PairedResult.Phase.BOTH).interval(rule.level()).format("%.3f")
                            + " ns/entry; over " + p.result().param("reference") + ": " + p.ratio().interval(rule.level()).percent()));
        }
        for (PairedResult p : PairedResult.concurrent(run)) {
            rows.add(Map.of("benchmark", p.result().shortName(), "strategy", p.strategy(), "setting", setting(p.result()), "value",
                    p.perEntry(PairedResult.Side.TEST).interval(rule.level()).format("%.3f") + " ns/entry recycled; over "
                            + p.result().param("reference") + ": " + p.ratio().interval(rule.level()).percent()));
        }
        for (JmhResult r : run.results().stream().filter(x -> !x.paired() && !x.concurrentPaired()).toList()) {
            String value;
            if (r.workload()) {
                value = r.metric("recycled").map(mm -> JmhResult.mean(mm, 1e6).interval(rule.level()).format("%.2f") + " M/s")
                        .orElse("?") + violations(r);
            } else {
                value = r.perEntry().interval(rule.level()).format("%.3f") + " ns/entry";
            }
            rows.add(Map.of("benchmark", r.shortName(), "strategy", r.param("strategy"), "setting", setting(r), "value", value));
        }
        return rows;
    }

    private static String violations(JmhResult r) {
        double stale = r.metric("stalePayloads").map(JmhRecord.Metric::score).orElse(0.0);
        double shorts = r.metric("shortResets").map(JmhRecord.Metric::score).orElse(0.0);
        return stale + shorts > 0 ? String.format(Locale.ROOT, "; violations: %.0f stale, %.0f short", stale, shorts) : "";
    }

    static String setting(JmhResult r) {
        StringBuilder sb = new StringBuilder();
        r.params().forEach((k, v) -> {
            if (!k.equals("strategy")) {
                sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    private static void flatten(List<Pair> out, String prefix, JsonElement e) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                flatten(out, prefix.isEmpty() ? x.getKey() : prefix + "." + x.getKey(), x.getValue());
            }
        } else {
            out.add(new Pair(prefix, e.isJsonNull() ? "(unknown)" : e.isJsonPrimitive() ? e.getAsString() : e.toString()));
        }
    }
}
