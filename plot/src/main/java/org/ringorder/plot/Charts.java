package org.ringorder.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.ringorder.results.AtomicFiles;
import org.ringorder.results.Estimate;
import org.ringorder.results.JmhResult;
import org.ringorder.results.Latency;
import org.ringorder.results.Run;
import org.ringorder.strategy.Strategies;

/**
 * The charts of a run and of a comparison, drawn with JFreeChart and written as PNG and SVG.
 * Every chart has a title, axis units, a legend and 99.9% confidence error bars; every strategy
 * keeps its colour ({@link Palette}).
 */
public final class Charts {
    /** A drawn chart: its file stem, its title and the chart itself. */
    public record Chart(String name, String title, String caption, JFreeChart chart) {
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 520;

    /** The benchmarks charted, with their axis wording. */
    static final Map<String, String> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("Reset.reset", "reset ioctl");
        BENCHMARKS.put("Harvest.harvest", "harvest pass");
        BENCHMARKS.put("BareScan.scan", "bare scan");
    }

    private Charts() {
    }

    /** The headline setting of a run: ringSize 4096 (else the smallest), vcpus 1 (else the fewest), roles all. */
    static Map<String, String> headline(List<JmhResult> results) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("ringSize", pickValue(results, "ringSize", "4096"));
        s.put("vcpus", pickValue(results, "vcpus", "1"));
        s.put("roles", "all");
        s.put("pattern", "sequential");
        s.put("layout", "heap");
        s.put("pollute", "false");
        s.put("backend", "jvm");
        return s;
    }

    private static String pickValue(List<JmhResult> results, String param, String preferred) {
        TreeSet<Integer> values = values(results, param);
        return values.contains(Integer.parseInt(preferred)) || values.isEmpty() ? preferred : String.valueOf(values.first());
    }

    static TreeSet<Integer> values(List<JmhResult> results, String param) {
        TreeSet<Integer> v = new TreeSet<>();
        results.stream().filter(r -> r.params().containsKey(param)).forEach(r -> v.add(Integer.parseInt(r.param(param))));
        return v;
    }

    static Optional<JmhResult> find(List<JmhResult> results, String benchmark, String strategy, Map<String, String> setting) {
        return results.stream()
                .filter(r -> r.shortName().equals(benchmark) && r.param("strategy").equals(strategy) && r.matches(setting))
                .findFirst();
    }

    static Estimate perEntry(JmhResult r) {
        return new Estimate(r.perEntry(), r.perEntryError());
    }

    /** Every chart of one run. */
    public static List<Chart> forRun(Run run) {
        List<JmhResult> rs = run.results().stream().filter(r -> !r.workload()).toList();
        Map<String, String> head = headline(rs);
        String at = "ringSize " + head.get("ringSize") + ", vcpus " + head.get("vcpus") + ", roles all";
        String sub = run.label() + ", " + at;
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("cost", "Cost per entry by strategy", "ns per entry with 99.9% confidence intervals, " + at,
                bars("Cost per entry by strategy", sub + noErrors(rs), "ns per entry",
                        categories(rs, head, b -> true),
                        (b, s) -> find(rs, b, s, head).map(Charts::perEntry))));
        charts.add(new Chart("relative", "Cost relative to plain", "each strategy's cost divided by plain's in the same run, " + at,
                bars("Cost relative to plain", sub + noErrors(rs), "cost / plain cost (1.0 = same as plain)",
                        categories(rs, head, b -> find(rs, b, "plain", head).isPresent()),
                        (b, s) -> find(rs, b, s, head).flatMap(x -> find(rs, b, "plain", head)
                                .map(p -> relative(s, perEntry(x), perEntry(p)))))));
        backendCharts(rs, head, at, run.label(), charts);
        workloadCharts(run, charts);
        violationsChart(run, charts);
        kvmChart(run, charts);
        latencyCharts(run, charts);
        for (String param : List.of("ringSize", "vcpus")) {
            if (values(rs, param).size() < 2) {
                continue;
            }
            for (String b : BENCHMARKS.keySet()) {
                if (b.equals("BareScan.scan") && param.equals("vcpus")) {
                    continue;
                }
                Map<String, String> fixed = new LinkedHashMap<>(head);
                fixed.remove(param);
                String title = BENCHMARKS.get(b) + ": cost per entry against " + (param.equals("ringSize") ? "ring size" : "vCPUs");
                JFreeChart c = sweep(title, run.label(), rs, b, param, fixed);
                if (c != null) {
                    charts.add(new Chart(param + "-" + b.substring(0, b.indexOf('.')).toLowerCase(), title,
                            "ns per entry, log scale on x; other settings as in the headline", c));
                }
            }
        }
        return charts;
    }

    /** The workload: recycled entries/s per strategy and placement at 1 vCPU, and against vCPUs where a run has several. */
    private static void workloadCharts(Run run, List<Chart> charts) {
        List<JmhResult> ws = run.results().stream().filter(JmhResult::workload).toList();
        if (ws.isEmpty()) {
            return;
        }
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (String s : Strategies.NAMES) {
            for (String placement : List.of("collector", "thread")) {
                ws.stream().filter(r -> r.benchmark().endsWith("." + placement) && r.param("strategy").equals(s)
                        && r.param("vcpus").equals("1")).findFirst().flatMap(r -> r.metric("recycled")).ifPresent(e ->
                        data.add(e.value() / 1e6, e.hasError() ? e.error() / 1e6 : 0.0, s,
                                placement.equals("collector") ? "reset on the collector's thread" : "reset on its own thread"));
            }
        }
        if (data.getRowCount() > 0) {
            String title = "Concurrent workload: entries recycled per second";
            charts.add(new Chart("workload", title, "vCPU, collector and reset running at once, 1 vCPU; higher is better",
                    barChart(title, run.label() + ", 1 vCPU, ringSize " + ws.get(0).param("ringSize"), "placement of the reset",
                            "million entries recycled per second", data)));
        }
        if (values(ws, "vcpus").size() < 2) {
            return;
        }
        for (String placement : List.of("collector", "thread")) {
            XYIntervalSeriesCollection xy = new XYIntervalSeriesCollection();
            for (String s : Strategies.NAMES) {
                XYIntervalSeries series = new XYIntervalSeries(s);
                ws.stream().filter(r -> r.benchmark().endsWith("." + placement) && r.param("strategy").equals(s))
                        .forEach(r -> r.metric("recycled").ifPresent(e -> {
                            double v = Double.parseDouble(r.param("vcpus"));
                            double err = e.hasError() ? e.error() / 1e6 : 0;
                            series.add(v, v, v, e.value() / 1e6, e.value() / 1e6 - err, e.value() / 1e6 + err);
                        }));
                if (series.getItemCount() > 0) {
                    xy.addSeries(series);
                }
            }
            if (xy.getSeriesCount() > 0) {
                String title = "Entries recycled per second against vCPUs (reset on " + (placement.equals("collector")
                        ? "the collector's thread)" : "its own thread)");
                charts.add(new Chart("workload-vcpus-" + placement, title, "million entries/s, log scale on x",
                        xyChart(title, run.label(), "vCPUs (producer threads, log scale)", "million entries recycled per second", xy)));
            }
        }
    }

    /** Violations per strategy, by class, from the stress part (counts; no error bars). */
    private static void violationsChart(Run run, List<Chart> charts) {
        List<com.google.gson.JsonObject> stress = run.stress();
        if (stress.isEmpty()) {
            return;
        }
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        long total = 0;
        for (com.google.gson.JsonObject r : stress) {
            for (String k : List.of("stalePayloads", "shortResets", "overwrites", "lostPages")) {
                long x = r.get(k).getAsLong();
                total += x;
                data.add(x, 0.0, r.get("strategy").getAsString(), k.replaceAll("([A-Z])", " $1").toLowerCase());
            }
        }
        String title = "Violations per strategy (stress)";
        charts.add(new Chart("violations", title, "lost or corrupted dirty pages seen by the stress part, by class",
                barChart(title, run.label() + (total == 0 ? ": no violation seen" : ""), "class", "count", data)));
    }

    /**
     * Where the time goes: the ordering's per-entry cost from the microbenchmarks next to the real
     * kernel path per harvested page and per reset call, log scale (they differ by orders of magnitude).
     */
    private static void kvmChart(Run run, List<Chart> charts) {
        List<com.google.gson.JsonObject> kvm = run.kvm();
        if (kvm.isEmpty()) {
            return;
        }
        Map<String, Estimate> jvm = org.ringorder.results.Pick.costs(run, "jvm");
        Map<String, Estimate> inC = org.ringorder.results.Pick.costs(run, "native");
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (com.google.gson.JsonObject r : kvm) {
            String s = r.get("strategy").getAsString();
            if (jvm.containsKey(s)) {
                data.add(jvm.get(s).value(), jvm.get(s).hasError() ? jvm.get(s).error() : 0.0, s, "ordering/entry, JVM");
            }
            if (inC.containsKey(s)) {
                data.add(inC.get(s).value(), inC.get(s).hasError() ? inC.get(s).error() : 0.0, s, "ordering/entry, C");
            }
            data.add(1e9 / r.get("pagesPerSecond").getAsDouble(), 0.0, s, "KVM: per page");
            data.add(r.get("resetMeanMicros").getAsDouble() * 1000, 0.0, s, "KVM: per reset call");
        }
        String title = "Where the time goes: ordering against the real kernel path";
        JFreeChart c = barChart(title, run.label() + ", " + kvm.get(0).get("capability").getAsString() + ", 1 vCPU, ring "
                + kvm.get(0).get("ringSize").getAsInt(), "", "ns (log scale)", data);
        org.jfree.chart.axis.LogAxis log = new org.jfree.chart.axis.LogAxis("ns (log scale)");
        log.setSmallestValue(0.1);
        log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // one tick per power of ten
        log.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
        ((CategoryPlot) c.getPlot()).setRangeAxis(log);
        charts.add(new Chart("kvm", title, "harvest + reset ns per entry from the microbenchmarks (ringSize 4096, 1 vCPU) "
                + "beside the real dirty ring's ns per harvested page (guest fault, push, harvest, reset) and per reset call", c));
    }

    /** Latency percentile distributions (log x, 1/(1-p)), per placement and kind, one line per strategy (fork 1, 1 vCPU). */
    private static void latencyCharts(Run run, List<Chart> charts) {
        List<Latency> all = Latency.read(run);
        for (String placement : List.of("collector", "thread")) {
            for (String kind : List.of("reset-call", "dirty-to-reset")) {
                XYSeriesCollection data = new XYSeriesCollection();
                for (String s : Strategies.NAMES) {
                    all.stream().filter(l -> l.placement().equals(placement) && l.kind().equals(kind) && l.strategy().equals(s)
                            && l.vcpus().equals("1") && l.fork() == 1).findFirst().ifPresent(l -> {
                                XYSeries series = new XYSeries(s, false);
                                double[] last = null;
                                for (double[] p : l.points()) {
                                    // a step only where the value changes: same chart, a fraction of the points
                                    if (last == null || p[0] != last[0]) {
                                        if (last != null && series.getItemCount() > 0 && series.getMaxX() < last[2]) {
                                            series.add(last[2], last[0]);
                                        }
                                        series.add(p[2], p[0]);
                                    }
                                    last = p;
                                }
                                if (last != null && series.getMaxX() < last[2]) {
                                    series.add(last[2], last[0]);
                                }
                                data.addSeries(series);
                            });
                }
                if (data.getSeriesCount() == 0) {
                    continue;
                }
                String what = kind.equals("reset-call") ? "Reset-call duration" : "Dirty-to-reset latency (sampled entries)";
                String title = what + " by percentile, reset on " + (placement.equals("collector") ? "the collector's thread" : "its own thread");
                LogAxis x = new LogAxis("percentile as 1/(1-p): 10 = p90, 100 = p99, 1000 = p99.9 (log scale)");
                x.setBase(10);
                x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
                XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
                r.setDrawSeriesLineAsPath(true); // one SVG path per line, not one element per segment
                for (int i = 0; i < data.getSeriesCount(); i++) {
                    r.setSeriesPaint(i, Palette.of((String) data.getSeriesKey(i)));
                    r.setSeriesStroke(i, new BasicStroke(2f));
                }
                LogAxis y = new LogAxis("microseconds (log scale)");
                y.setSmallestValue(0.01);
                y.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
                XYPlot plot = new XYPlot(data, x, y, r);
                charts.add(new Chart("latency-" + kind + "-" + placement, title,
                        "HdrHistogram percentile distribution of the measurement iterations, fork 1, 1 vCPU",
                        styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), run.label())));
            }
        }
    }

    /** The charts of a comparison: per benchmark, grouped bars per run (architecture), one bar per strategy. */
    public static List<Chart> forComparison(List<Run> runs) {
        List<Chart> charts = new ArrayList<>();
        for (String b : BENCHMARKS.keySet()) {
            DefaultStatisticalCategoryDataset cost = new DefaultStatisticalCategoryDataset();
            DefaultStatisticalCategoryDataset rel = new DefaultStatisticalCategoryDataset();
            for (String s : Strategies.NAMES) {
                for (Run run : runs) {
                    Map<String, String> head = headline(run.results());
                    Optional<JmhResult> x = find(run.results(), b, s, head);
                    Optional<JmhResult> p = find(run.results(), b, "plain", head);
                    String label = run.label();
                    x.ifPresent(v -> {
                        Estimate e = perEntry(v);
                        cost.add(e.value(), e.hasError() ? e.error() : 0.0, s, label);
                        p.ifPresent(pl -> {
                            Estimate r = relative(s, e, perEntry(pl));
                            rel.add(r.value(), r.hasError() ? r.error() : 0.0, s, label);
                        });
                    });
                }
            }
            if (cost.getRowCount() == 0) {
                continue;
            }
            String name = b.substring(0, b.indexOf('.')).toLowerCase();
            String sub = runs.size() + " runs, each at its headline setting (ringSize 4096, vcpus 1, roles all where measured)";
            String title = BENCHMARKS.get(b) + ": cost per entry by machine";
            charts.add(new Chart("compare-" + name, title, "ns per entry with 99.9% confidence intervals",
                    barChart(title, sub, "run", "ns per entry", cost)));
            if (rel.getRowCount() > 0) {
                String rt = BENCHMARKS.get(b) + ": cost relative to plain by machine";
                charts.add(new Chart("compare-relative-" + name, rt, "each strategy's cost divided by plain's on the same machine",
                        barChart(rt, sub, "run", "cost / plain cost (1.0 = same as plain)", rel)));
            }
        }
        return charts;
    }

    /** Cost relative to plain; plain against itself is exactly 1, not a ratio of two noisy figures. */
    static Estimate relative(String strategy, Estimate cost, Estimate plain) {
        return strategy.equals("plain") ? new Estimate(1, 0) : cost.over(plain);
    }

    /**
     * The JVM and native (C11) backends side by side, each benchmark twice at the headline
     * setting; and the JVM's cost over C's, per strategy: what the JIT adds or saves over gcc.
     */
    private static void backendCharts(List<JmhResult> rs, Map<String, String> head, String at, String label, List<Chart> charts) {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        Map<String, String> benchOf = new LinkedHashMap<>();
        for (String b : BENCHMARKS.keySet()) {
            for (String backend : List.of("jvm", "native")) {
                Map<String, String> setting = new LinkedHashMap<>(head);
                setting.put("backend", backend);
                if (anyStrategy(rs, b, setting)) {
                    String cat = BENCHMARKS.get(b) + (backend.equals("jvm") ? " (JVM)" : " (C)");
                    settings.put(cat, setting);
                    benchOf.put(cat, b);
                }
            }
        }
        if (settings.keySet().stream().noneMatch(c -> c.endsWith("(C)"))) {
            return;
        }
        String sub = label + ", " + at + noErrors(rs);
        List<String> cats = new ArrayList<>(settings.keySet());
        charts.add(new Chart("backends", "JVM against native (C11) by strategy",
                "ns per entry, the same kernels in Java (JIT) and in C (gcc -O2, one JNI call per ring pass), " + at,
                bars("JVM against native (C11) by strategy", sub, "ns per entry", cats,
                        (c, s) -> find(rs, benchOf.get(c), s, settings.get(c)).map(Charts::perEntry))));
        List<String> pairs = cats.stream().filter(c -> c.endsWith("(JVM)")
                && settings.containsKey(c.replace("(JVM)", "(C)"))).toList();
        charts.add(new Chart("jvm-over-native", "JVM cost over native cost",
                "each strategy's JVM cost divided by its C cost in the same run (1.0: the JIT adds nothing), " + at,
                bars("JVM cost over native cost", sub, "JVM / C (1.0 = same as C)", pairs,
                        (c, s) -> find(rs, benchOf.get(c), s, settings.get(c)).flatMap(j -> find(rs, benchOf.get(c), s,
                                settings.get(c.replace("(JVM)", "(C)"))).map(n -> perEntry(j).over(perEntry(n)))))));
    }

    /** A run of single samples has no confidence intervals: say so rather than draw zero-width error bars. */
    private static String noErrors(List<JmhResult> rs) {
        return rs.stream().allMatch(r -> Double.isNaN(r.error())) ? " (one sample each: no error bars)" : "";
    }

    private static boolean anyStrategy(List<JmhResult> rs, String b, Map<String, String> head) {
        return Strategies.NAMES.stream().anyMatch(s -> find(rs, b, s, head).isPresent());
    }

    private static List<String> categories(List<JmhResult> rs, Map<String, String> head,
                                           java.util.function.Predicate<String> keep) {
        return BENCHMARKS.keySet().stream().filter(b -> anyStrategy(rs, b, head) && keep.test(b)).toList();
    }

    /** Bars: one group per category, one bar per strategy, error bars at the 99.9% half-width. */
    static JFreeChart bars(String title, String subtitle, String valueAxis, List<String> categories,
                           java.util.function.BiFunction<String, String, Optional<Estimate>> value) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (String s : Strategies.NAMES) {
            for (String c : categories) {
                value.apply(c, s).ifPresent(e -> data.add(e.value(), e.hasError() ? e.error() : 0.0, s,
                        BENCHMARKS.getOrDefault(c, c)));
            }
        }
        return barChart(title, subtitle, "", valueAxis, data);
    }

    static JFreeChart barChart(String title, String subtitle, String categoryAxis, String valueAxis,
                               DefaultStatisticalCategoryDataset data) {
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(categoryAxis), new NumberAxis(valueAxis),
                new StatisticalBarRenderer());
        StatisticalBarRenderer r = (StatisticalBarRenderer) plot.getRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.05);
        for (int i = 0; i < data.getRowCount(); i++) {
            r.setSeriesPaint(i, Palette.of((String) data.getRowKey(i)));
        }
        plot.setOrientation(PlotOrientation.VERTICAL);
        if (valueAxis.startsWith("cost / plain")) {
            ValueMarker one = new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.2f));
            plot.addRangeMarker(one);
        }
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), subtitle);
    }

    /** Lines: cost per entry against one param (log x), one series per strategy, with error bars. */
    static JFreeChart sweep(String title, String subtitle, List<JmhResult> rs, String benchmark, String param,
                            Map<String, String> fixed) {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        for (String s : Strategies.NAMES) {
            XYIntervalSeries series = new XYIntervalSeries(s);
            for (int v : values(rs, param)) {
                Map<String, String> at = new LinkedHashMap<>(fixed);
                at.put(param, String.valueOf(v));
                find(rs, benchmark, s, at).ifPresent(x -> {
                    Estimate e = perEntry(x);
                    double err = e.hasError() ? e.error() : 0;
                    series.add(v, v, v, e.value(), e.value() - err, e.value() + err);
                });
            }
            if (series.getItemCount() > 0) {
                data.addSeries(series);
            }
        }
        if (data.getSeriesCount() == 0) {
            return null;
        }
        return xyChart(title, subtitle, param.equals("ringSize") ? "ring size (entries, log scale)"
                : "vCPUs (rings per call, log scale)", "ns per entry", data);
    }

    /** Lines with error bars over a log2 x axis, one series per strategy. */
    static JFreeChart xyChart(String title, String subtitle, String xLabel, String yLabel, XYIntervalSeriesCollection data) {
        LogAxis x = new LogAxis(xLabel);
        x.setBase(2);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, Palette.of((String) data.getSeriesKey(i)));
            r.setSeriesLinesVisible(i, true);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, new NumberAxis(yLabel), r);
        return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), subtitle);
    }

    private static JFreeChart styled(JFreeChart chart, String subtitle) {
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xfafafa));
        return chart;
    }

    /** The PNG bytes of a chart. */
    public static byte[] png(JFreeChart chart) {
        BufferedImage img = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** The SVG text of a chart (JFreeSVG). */
    public static String svg(JFreeChart chart) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setGeomDoubleConverter(d -> String.valueOf(Math.round(d * 100) / 100.0)); // 0.01 px: a third of the size
        chart.draw(g2, new Rectangle(WIDTH, HEIGHT));
        return g2.getSVGElement();
    }

    /** Writes each chart as {@code name.png} and {@code name.svg} into {@code dir}; returns the PNG bytes by name. */
    public static Map<String, byte[]> write(List<Chart> charts, Path dir) {
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        for (Chart c : charts) {
            byte[] png = png(c.chart());
            AtomicFiles.writeBytes(dir.resolve(c.name() + ".png"), png);
            AtomicFiles.writeString(dir.resolve(c.name() + ".svg"), svg(c.chart()));
            pngs.put(c.name(), png);
        }
        return pngs;
    }

}
