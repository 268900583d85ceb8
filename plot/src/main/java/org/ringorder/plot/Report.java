package org.ringorder.plot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ringorder.results.AsmTable;
import org.ringorder.results.Estimate;
import org.ringorder.results.JmhResult;
import org.ringorder.results.Latency;
import org.ringorder.results.Pick;
import org.ringorder.results.Run;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/** {@code report.html}: one self-contained page (charts inlined) with the verdict, the charts, the environment and how to reproduce. */
public final class Report {
    private Report() {
    }

    private static final String STYLE = """
            body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222;line-height:1.4}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}
            th{background:#f0f0f0}td.num{text-align:right;font-family:monospace}
            .incomplete{background:#fde2e1;border:1px solid #d62728;padding:8px 12px;font-weight:bold}
            .pick{font-size:1.3em}figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #ddd}
            code,pre{background:#f6f6f6;padding:2px 4px}pre{padding:8px}
            """;

    public static String forRun(Run run, List<Charts.Chart> charts, Map<String, byte[]> pngs) {
        StringBuilder h = head("ringorder: " + run.label());
        h.append("<h1>ringorder: ").append(esc(run.label())).append("</h1>\n");
        incomplete(h, run);
        Pick.Result pick = Pick.pick(List.of(run));
        h.append("<h2>Verdict</h2>\n<p class=\"pick\" id=\"pick\">Strategy flag: <b>")
                .append(esc(pick.flag().orElse("none"))).append("</b> (").append(esc(pick.why())).append(")</p>\n");
        for (String c : pick.claims()) {
            h.append("<p id=\"claim\">The seed's claim: <b>").append(esc(c)).append("</b></p>\n");
        }
        verdictTable(h, run, pick);
        jniCall(h, run);
        stressTable(h, run);
        litmusTable(h, run);
        asmTable(h, run);
        kvmTable(h, run);
        latencyTable(h, run);
        h.append("<h2>Charts</h2>\n");
        figures(h, charts, pngs);
        h.append("<h2>Every figure</h2>\n<table id=\"figures\"><tr><th>benchmark</th><th>strategy</th><th>setting</th>"
                + "<th>ns/entry, or for the workload M entries recycled/s (99.9% CI)</th></tr>\n");
        for (JmhResult r : run.results()) {
            h.append("<tr><td>").append(esc(r.shortName())).append("</td><td>").append(esc(r.param("strategy")))
                    .append("</td><td>").append(esc(setting(r))).append("</td><td class=\"num\">")
                    .append(r.workload() ? workloadCell(r) : new Estimate(r.perEntry(), r.perEntryError()).format("%.3f"))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Environment</h2>\n");
        envTable(h, run.env());
        h.append("<h2>How to reproduce</h2>\n<pre>git checkout ").append(esc(run.text("gitCommit").replace("+dirty", "")))
                .append("\n./ringorder run --profile ").append(esc(run.text("profile")))
                .append(" --jvm ").append(esc(jvmHome(run))).append("\n./ringorder plot ").append(esc(run.dir().toString()))
                .append("   # redraws these charts and this page</pre>\n");
        return h.append("</body></html>\n").toString();
    }

    public static String forComparison(List<Run> runs, List<Charts.Chart> charts, Map<String, byte[]> pngs) {
        StringBuilder h = head("ringorder: comparison of " + runs.size() + " runs");
        h.append("<h1>ringorder: comparison of ").append(runs.size()).append(" runs</h1>\n");
        for (Run r : runs) {
            incomplete(h, r);
        }
        Pick.Result pick = Pick.pick(runs);
        h.append("<h2>Verdict</h2>\n<p class=\"pick\" id=\"pick\">Strategy flag: <b>")
                .append(esc(pick.flag().orElse("none"))).append("</b> (").append(esc(pick.why())).append(")</p>\n<ul>\n");
        for (Pick.Evidence e : pick.evidence()) {
            h.append("<li>").append(esc(e.line())).append("</li>\n");
        }
        h.append("</ul>\n<p>The seed's claim, per machine:</p>\n<ul id=\"claim\">\n");
        for (String c : pick.claims()) {
            h.append("<li><b>").append(esc(c)).append("</b></li>\n");
        }
        h.append("</ul>\n<h2>Runs</h2>\n<table id=\"runs\"><tr><th>run</th><th>directory</th><th>completed</th>"
                + "<th>ringorder commit</th><th>profile</th></tr>\n");
        for (Run r : runs) {
            h.append("<tr><td>").append(esc(r.label())).append("</td><td>").append(esc(r.dir().toString()))
                    .append("</td><td>").append(r.completed() ? "yes" : "<b>no</b>").append("</td><td>")
                    .append(esc(r.text("gitCommit"))).append("</td><td>").append(esc(r.text("profile"))).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Charts</h2>\n");
        figures(h, charts, pngs);
        h.append("<h2>How to reproduce</h2>\n<pre>./ringorder run --profile quick     # on each machine\n./ringorder compare ");
        runs.forEach(r -> h.append(esc(r.dir().toString())).append(' '));
        return h.append("</pre>\n</body></html>\n").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title><style>").append(STYLE).append("</style></head><body>\n");
    }

    private static void incomplete(StringBuilder h, Run run) {
        if (!run.completed()) {
            h.append("<p class=\"incomplete\" id=\"incomplete\">Incomplete run: ").append(esc(run.dir().toString()))
                    .append(" was interrupted or a part failed; it holds only the parts that finished (")
                    .append(run.results().size()).append(" results).</p>\n");
        }
    }

    private static void verdictTable(StringBuilder h, Run run, Pick.Result pick) {
        Map<String, Estimate> costs = Pick.costs(run);
        Estimate plain = costs.get("plain");
        Map<String, Estimate> inC = Pick.costs(run, "native");
        h.append("<table id=\"verdict\"><tr><th>strategy</th><th>known safe</th><th>harvest + reset ns/entry (99.9% CI)</th>"
                + "<th>vs plain</th>" + (inC.isEmpty() ? "" : "<th>native C11 ns/entry</th><th>JVM / C</th>")
                + "<th>verdict</th></tr>\n");
        for (String s : Strategies.NAMES) {
            Estimate c = costs.get(s);
            Safety.Verdict v = Safety.of(s);
            String verdict = pick.flag().map(s::equals).orElse(false) ? "<b>picked</b>"
                    : v.safe() ? "candidate" : "never picked: unsafe";
            h.append("<tr><td>").append(esc(s)).append("</td><td title=\"").append(esc(v.reason())).append("\">")
                    .append(v.safe() ? "yes" : "no").append("</td><td class=\"num\">")
                    .append(c == null ? "not measured" : c.format("%.3f")).append("</td><td class=\"num\">")
                    .append(c == null || plain == null ? "" : s.equals("plain") ? "1.00x (baseline)" : ratio(c.over(plain)))
                    .append(inC.isEmpty() ? "" : "</td><td class=\"num\">" + (inC.containsKey(s) ? inC.get(s).format("%.3f") : "")
                            + "</td><td class=\"num\">" + (c != null && inC.containsKey(s) ? c.over(inC.get(s)).format("%.2f") : ""))
                    .append("</td><td>").append(verdict)
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p>Costs at ringSize 4096, vcpus 1, roles all; \"known safe\" means the Java memory model forbids "
                + "the bad outcome of every litmus shape (the README's litmus table; hover for the reason).</p>\n");
    }

    /** The stress part: per strategy, entries checked and violations by class. */
    private static void stressTable(StringBuilder h, Run run) {
        List<JsonObject> stress = run.stress();
        if (stress.isEmpty()) {
            return;
        }
        h.append("<h2>Correctness (stress)</h2>\n<table id=\"stress\"><tr><th>strategy</th><th>roles</th><th>entries checked</th>"
                + "<th>seconds</th><th>stale payloads</th><th>short resets</th><th>overwrites</th><th>lost pages</th><th>verdict</th></tr>\n");
        for (JsonObject r : stress) {
            long v = r.get("violations").getAsLong();
            h.append("<tr><td>").append(esc(r.get("strategy").getAsString())).append("</td><td>")
                    .append(esc(r.get("roles").getAsString())).append("</td>");
            for (String k : List.of("entriesChecked", "millis", "stalePayloads", "shortResets", "overwrites", "lostPages")) {
                long x = r.get(k).getAsLong();
                h.append("<td class=\"num\">").append(k.equals("millis") ? String.format(Locale.ROOT, "%.1f", x / 1000.0)
                        : String.valueOf(x)).append("</td>");
            }
            h.append("<td>").append(v == 0 ? "no violation seen" : "<b>loses or corrupts pages</b>").append("</td></tr>\n");
        }
        h.append("</table>\n<p>No violation seen is not a proof: on x86 only the compiler can reorder; "
                + "the README's safety table decides what pick trusts.</p>\n");
    }

    /** The native backend's call overhead: one JNI round trip, and what it adds per entry to a ring pass. */
    private static void jniCall(StringBuilder h, Run run) {
        run.results().stream().filter(r -> r.benchmark().endsWith("JniCallBench.call")).findFirst().ifPresent(r -> {
            Estimate call = new Estimate(r.score(), r.error());
            h.append("<p id=\"jnicall\">Native backend: one JNI call costs ").append(call.format("%.2f"))
                    .append(" ns; the native kernels make one call per ring pass, so at 4096 entries the call adds ")
                    .append(String.format(Locale.ROOT, "%.4f", r.score() / 4096)).append(" ns per entry.</p>\n");
        });
    }

    /** The asm part: per strategy and ordering point, the instructions each (architecture, backend) emitted. */
    private static void asmTable(StringBuilder h, Run run) {
        List<JsonObject> rows = run.asm();
        if (rows.isEmpty()) {
            return;
        }
        AsmTable table = AsmTable.of(rows);
        h.append("<h2>Instructions per ordering point</h2>\n<table id=\"asm\"><tr><th>strategy</th><th>ordering point</th>");
        table.columns().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        table.rows().forEach((row, byCol) -> {
            h.append("<tr><td>").append(esc(row.strategy())).append("</td><td>").append(esc(row.point())).append("</td>");
            table.columns().forEach(c -> h.append("<td><code>").append(esc(byCol.getOrDefault(c, ""))).append("</code></td>"));
            h.append("</tr>\n");
        });
        h.append("</table>\n<p>The loads, stores and fences each ordering point compiles to (C2 via -XX:+PrintAssembly "
                + "decoded by objdump; gcc -O2 for the native backend; aarch64 C2 under QEMU user-mode emulation, never "
                + "timed). Empty native cells: the C kernels have no such point. See the README for what it means for the "
                + "claim.</p>\n");
    }

    /** The kvm part: the real dirty ring per strategy, the capability rule, and where the time goes. */
    private static void kvmTable(StringBuilder h, Run run) {
        List<JsonObject> kvm = run.kvm();
        if (kvm.isEmpty()) {
            return;
        }
        h.append("<h2>The kernel's own dirty ring (KVM)</h2>\n<table id=\"kvm\"><tr><th>strategy</th><th>pages/s harvested</th>"
                + "<th>entries per reset</th><th>reset mean / p99 us</th><th>ring-full exits/s</th><th>guest writes/s</th>"
                + "<th>pages written</th><th>verdict</th></tr>\n");
        for (JsonObject r : kvm) {
            long v = r.get("violations").getAsLong();
            h.append("<tr><td>").append(esc(r.get("strategy").getAsString())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.0f", r.get("pagesPerSecond").getAsDouble()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.2f", r.get("entriesPerReset").getAsDouble()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.2f / %.2f",
                            r.get("resetMeanMicros").getAsDouble(), r.get("resetP99Micros").getAsDouble()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.1f", r.get("ringFullPerSecond").getAsDouble()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.0f", r.get("guestWritesPerSecond").getAsDouble()))
                    .append("</td><td class=\"num\">").append(r.get("pagesWritten").getAsLong()).append("</td><td>")
                    .append(v == 0 ? "every written page reported" : "<b>" + v + " violations</b>")
                    .append(r.has("ringOverruns") && r.get("ringOverruns").getAsLong() > 0
                            ? " (kernel ring overrun: " + r.get("ringOverruns").getAsLong() + " passes found a whole ring DIRTY)" : "")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        Pick.kvmRule(run).ifPresent(rule -> h.append("<p id=\"kvm-rule\">").append(esc(rule)).append("</p>\n"));
        Map<String, Estimate> costs = Pick.costs(run);
        kvm.stream().filter(r -> r.get("strategy").getAsString().equals(Pick.CLAIMED)).findFirst().ifPresent(r -> {
            double perPage = 1e9 / r.get("pagesPerSecond").getAsDouble();
            Estimate ordering = costs.get(Pick.CLAIMED);
            h.append("<p id=\"kvm-time\">Where the time goes: with ").append(Pick.CLAIMED).append(" the real dirty ring costs ")
                    .append(String.format(Locale.ROOT, "%.0f", perPage)).append(" ns per harvested page (guest write fault, "
                            + "push, harvest, reset ioctl, re-protect), ");
            if (ordering != null) {
                h.append("of which the ordering (harvest + reset per entry, measured alone) is ").append(ordering.format("%.2f"))
                        .append(" ns, ").append(String.format(Locale.ROOT, "%.2f%%", 100 * ordering.value() / perPage))
                        .append(". ");
            }
            h.append("KVM here is served by ").append(esc(run.kvmFlavour())).append(run.kvmFlavour().equals("kvm_pvm")
                    ? " (software virtualisation: fault and exit costs are not bare-metal costs)" : "").append(".</p>\n");
        });
    }

    /** The litmus part: per strategy and shape, the expectation and how often jcstress saw the bad outcome. */
    private static void litmusTable(StringBuilder h, Run run) {
        List<JsonObject> litmus = run.litmus();
        if (litmus.isEmpty()) {
            return;
        }
        h.append("<h2>Correctness (jcstress litmus tests)</h2>\n<table id=\"litmus\"><tr><th>strategy</th><th>shape</th>"
                + "<th>actors</th><th>bad outcome expected</th><th>bad / samples</th><th>verdict</th></tr>\n");
        for (JsonObject t : litmus) {
            boolean ran = t.get("ran").getAsBoolean();
            long bad = t.get("badSamples").getAsLong();
            boolean held = t.get("held").getAsBoolean();
            String strategy = t.get("strategy").getAsString();
            Safety.Expectation e = Safety.expect(strategy, Safety.Shape.byId(t.get("shape").getAsString()));
            h.append("<tr><td>").append(esc(strategy)).append("</td><td>").append(esc(t.get("shape").getAsString()))
                    .append("</td><td class=\"num\">").append(t.get("actors").getAsInt()).append("</td><td title=\"")
                    .append(esc(e.reason())).append("\">").append(esc(t.get("expect").getAsString()))
                    .append("</td><td class=\"num\">").append(ran ? bad + " / " + t.get("samples").getAsLong() : "")
                    .append("</td><td>").append(!ran ? "not run: " + esc(t.get("skipped").getAsString())
                            : !held ? "<b>expectation broken</b>" : bad > 0 ? "bad outcome seen (allowed)" : "held")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p>jcstress at mode <code>").append(esc(litmus.get(0).get("mode").getAsString()))
                .append("</code>; its own report is <a href=\"litmus/report/index.html\">litmus/report/index.html</a>. "
                        + "A bad outcome seen drops the strategy from pick, whatever the expectation.</p>\n");
    }

    /** Reset-call p50 / p99 / p99.9 per strategy and placement (fork 1, 1 vCPU), where the run recorded latency. */
    private static void latencyTable(StringBuilder h, Run run) {
        List<Latency> all = Latency.read(run);
        if (all.isEmpty()) {
            return;
        }
        h.append("<h2>Reset-call latency</h2>\n<table id=\"latency\"><tr><th>placement</th><th>strategy</th>"
                + "<th>p50 us</th><th>p99 us</th><th>p99.9 us</th></tr>\n");
        for (Latency l : all) {
            if (l.kind().equals("reset-call") && l.fork() == 1 && l.vcpus().equals("1")) {
                h.append("<tr><td>").append(esc(l.placement())).append("</td><td>").append(esc(l.strategy())).append("</td>");
                for (double p : new double[] {0.5, 0.99, 0.999}) {
                    h.append("<td class=\"num\">").append(l.at(p).map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse(""))
                            .append("</td>");
                }
                h.append("</tr>\n");
            }
        }
        h.append("</table>\n<p>From the workload's latency runs (HdrHistogram; .hlog and .hgrm files in latency/).</p>\n");
    }

    private static String workloadCell(JmhResult r) {
        String rec = r.metric("recycled").map(e -> new Estimate(e.value() / 1e6, e.error() / 1e6).format("%.2f") + " M/s")
                .orElse("?");
        double stale = r.metric("stalePayloads").map(Estimate::value).orElse(0.0);
        double shorts = r.metric("shortResets").map(Estimate::value).orElse(0.0);
        return rec + (stale + shorts > 0 ? String.format(Locale.ROOT, " <b>violations: %.0f stale, %.0f short</b>", stale, shorts) : "");
    }

    private static String ratio(Estimate r) {
        return r.hasError() ? String.format(Locale.ROOT, "%.2fx (%.2f..%.2f)", r.value(), r.low(), r.high())
                : String.format(Locale.ROOT, "%.2fx", r.value());
    }

    private static void figures(StringBuilder h, List<Charts.Chart> charts, Map<String, byte[]> pngs) {
        for (Charts.Chart c : charts) {
            h.append("<figure id=\"chart-").append(esc(c.name())).append("\"><img alt=\"").append(esc(c.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(pngs.get(c.name())))
                    .append("\"><figcaption>").append(esc(c.title())).append(": ").append(esc(c.caption()))
                    .append(" (charts/").append(esc(c.name())).append(".svg)</figcaption></figure>\n");
        }
    }

    private static void envTable(StringBuilder h, JsonObject env) {
        h.append("<table id=\"env\">\n");
        flatten(h, "", env);
        h.append("</table>\n");
    }

    private static void flatten(StringBuilder h, String prefix, JsonElement e) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                flatten(h, prefix.isEmpty() ? x.getKey() : prefix + "." + x.getKey(), x.getValue());
            }
        } else {
            h.append("<tr><th>").append(esc(prefix)).append("</th><td>")
                    .append(esc(e.isJsonNull() ? "(unknown)" : e.isJsonPrimitive() ? e.getAsString() : e.toString()))
                    .append("</td></tr>\n");
        }
    }

    private static String jvmHome(Run run) {
        JsonElement jvm = run.env().get("jvm");
        return jvm != null && jvm.isJsonObject() && jvm.getAsJsonObject().has("home")
                ? jvm.getAsJsonObject().get("home").getAsString() : "JDK";
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

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
