package org.ringorder.plot;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.strategy.Strategies;

/** {@code workload} (entries recycled per second at 1 vCPU, per placement of the reset) and {@code workload-vcpus-*} (against vCPUs). */
final class WorkloadCharts {
    private WorkloadCharts() {
    }

    private static String placementWords(String placement) {
        return placement.equals("collector") ? "reset on the collector's thread" : "reset on its own thread";
    }

    static List<Chart> of(Run run, Pick.Rule rule) {
        List<JmhResult> ws = run.results().stream().filter(JmhResult::workload).filter(r -> r.param("latency").equals("false")
                || r.param("latency").equals("-")).toList();
        List<Chart> charts = new ArrayList<>();
        if (ws.isEmpty()) {
            return charts;
        }
        List<Style.Bar> bars = new ArrayList<>();
        for (String s : Strategies.NAMES) {
            for (String placement : List.of("collector", "thread")) {
                ws.stream().filter(r -> r.benchmark().endsWith("." + placement) && r.param("strategy").equals(s)
                        && r.param("vcpus").equals("1")).findFirst().ifPresent(r -> r.metric("recycled").ifPresent(m ->
                        bars.add(new Style.Bar(s, placementWords(placement),
                                JmhResult.mean(m, 1e6).interval(rule.level()), JmhResult.forkMeans(m, 1e6)))));
            }
        }
        if (!bars.isEmpty()) {
            String title = "Concurrent workload: entries recycled per second";
            charts.add(new Chart("workload", title, "vCPU, collector and reset running at once, 1 vCPU; higher is better",
                    Style.bars(title, run.label() + ", 1 vCPU, ringSize " + ws.get(0).param("ringSize"), "placement of the reset",
                            "million entries recycled per second", Style.Axis.ABSOLUTE, bars)));
        }
        if (Headline.values(ws, "vcpus").size() < 2) {
            return charts;
        }
        for (String placement : List.of("collector", "thread")) {
            XYIntervalSeriesCollection xy = new XYIntervalSeriesCollection();
            for (String s : Strategies.NAMES) {
                XYIntervalSeries series = new XYIntervalSeries(s);
                ws.stream().filter(r -> r.benchmark().endsWith("." + placement) && r.param("strategy").equals(s))
                        .forEach(r -> r.metric("recycled").ifPresent(m -> {
                            double v = Double.parseDouble(r.param("vcpus"));
                            Interval i = JmhResult.mean(m, 1e6).interval(rule.level());
                            series.add(v, v, v, i.point(), i.hasInterval() ? i.low() : i.point(), i.hasInterval() ? i.high() : i.point());
                        }));
                if (series.getItemCount() > 0) {
                    xy.addSeries(series);
                }
            }
            if (xy.getSeriesCount() > 0) {
                String title = "Entries recycled per second against vCPUs (" + placementWords(placement) + ")";
                charts.add(new Chart("workload-vcpus-" + placement, title, "million entries/s, log scale on x",
                        Style.lines(title, run.label(), "vCPUs (producer threads, log scale)", "million entries recycled per second", xy)));
            }
        }
        return charts;
    }
}
