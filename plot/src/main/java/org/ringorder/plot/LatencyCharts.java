package org.ringorder.plot;

import java.awt.BasicStroke;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.ringorder.evidence.Latency;
import org.ringorder.evidence.Run;
import org.ringorder.strategy.Strategies;

/**
 * {@code latency-*}: the workload's HdrHistogram percentile distributions per placement and kind,
 * x = 1/(1-p) on a log scale (10 = p90, 100 = p99), one line per strategy (fork 1, 1 vCPU).
 */
final class LatencyCharts {
    private LatencyCharts() {
    }

    static List<Chart> of(Run run) {
        List<Latency> all = Latency.read(run);
        List<Chart> charts = new ArrayList<>();
        for (String placement : List.of("collector", "thread")) {
            for (String kind : List.of("reset-call", "dirty-to-reset")) {
                XYSeriesCollection data = new XYSeriesCollection();
                for (String s : Strategies.NAMES) {
                    all.stream().filter(l -> l.placement().equals(placement) && l.kind().equals(kind) && l.strategy().equals(s)
                            && l.vcpus().equals("1") && l.fork() == 1).findFirst().ifPresent(l -> data.addSeries(steps(s, l)));
                }
                if (data.getSeriesCount() == 0) {
                    continue;
                }
                String what = kind.equals("reset-call") ? "Reset-call duration" : "Dirty-to-reset latency (sampled entries)";
                String title = what + " by percentile, reset on " + (placement.equals("collector") ? "the collector's thread" : "its own thread");
                LogAxis x = new LogAxis("percentile as 1/(1-p): 10 = p90, 100 = p99, 1000 = p99.9 (log scale)");
                x.setBase(10);
                x.setNumberFormatOverride(new DecimalFormat("0"));
                XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
                r.setDrawSeriesLineAsPath(true); // one SVG path per line, not one element per segment
                for (int i = 0; i < data.getSeriesCount(); i++) {
                    r.setSeriesPaint(i, Style.colour((String) data.getSeriesKey(i)));
                    r.setSeriesStroke(i, new BasicStroke(2f));
                }
                LogAxis y = new LogAxis("microseconds (log scale)");
                y.setSmallestValue(0.01);
                y.setNumberFormatOverride(new DecimalFormat("0.##"));
                charts.add(new Chart("latency-" + kind + "-" + placement, title,
                        "HdrHistogram percentile distribution of the measurement iterations, fork 1, 1 vCPU",
                        Style.styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, x, y, r), true), run.label())));
            }
        }
        return charts;
    }

    /** A step only where the value changes: the same chart, a fraction of the points. */
    private static XYSeries steps(String strategy, Latency l) {
        XYSeries series = new XYSeries(strategy, false);
        double[] last = null;
        for (double[] p : l.points()) {
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
        return series;
    }
}
