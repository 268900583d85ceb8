package org.ringorder.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.ringorder.evidence.KvmMechanisms;
import org.ringorder.evidence.KvmRecord;
import org.ringorder.evidence.Run;

/**
 * {@code kvm-mechanisms}: the collector's CPU time per page collected, ring against bitmap, against
 * the slot's size (left: the bitmap's get reads the whole slot) and against the dirty rate (right:
 * the ring's work follows the pages dirtied), one line per ring strategy and bitmap mode; the
 * mean over processes with its 95% interval. Needs a sweep: two slot sizes or two rates at least.
 */
final class KvmMechanismsChart {
    private static final Color[] BITMAP_COLOURS = {new Color(0x17becf), new Color(0x8c564b), new Color(0xe377c2)};

    private KvmMechanismsChart() {
    }

    static List<Chart> of(Run run) {
        return of(run.kvmAll(), run.label(), run.kvmFlavour());
    }

    /** From kvm.json's rows alone ({@code ringorder kvm --sweep}); {@code label} and {@code flavour} name the machine. */
    static List<Chart> of(List<KvmRecord> rows, String label, String flavour) {
        KvmMechanisms m = KvmMechanisms.of(rows);
        if (m.isEmpty() || m.points().stream().noneMatch(p -> p.mechanism().equals(KvmRecord.BITMAP))) {
            return List.of();
        }
        XYIntervalSeriesCollection bySlot = series(m.againstSlotSize(), true);
        XYIntervalSeriesCollection byRate = series(m.againstDirtyRate(), false);
        if (!spans(bySlot) && !spans(byRate)) {
            return List.of();
        }
        NumberAxis y = new NumberAxis("collector CPU ns per page collected");
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(y);
        KvmMechanisms.Point b = m.base();
        XYPlot left = panel(bySlot, axis("slot size (MiB, log scale), " + b.dirtyMiB() + " MiB dirty at "
                + KvmMechanisms.rate(b.writesPerSecond()) + " writes/s"));
        plot.add(left, 1);
        plot.add(panel(byRate, axis("dirty rate (k writes/s, log scale), " + b.dataMiB() + " MiB slot, " + b.dirtyMiB() + " MiB dirty")), 1);
        String title = "The ring against the bitmap: collection cost per dirtied page";
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        LegendTitle legend = new LegendTitle(left); // one legend: both panels draw the same lines
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addLegend(legend);
        return List.of(new Chart("kvm-mechanisms", title, "CPU time (user + kernel) of the collection cycles (ring: harvest + "
                + "KVM_RESET_DIRTY_RINGS; bitmap: KVM_GET_DIRTY_LOG + KVM_CLEAR_DIRTY_LOG) per page they collected, mean of "
                + b.processes() + " processes with its 95% interval; the copy a migration makes is not in it",
                Style.styled(chart, label + ", KVM by " + flavour + ", " + b.processes() + " processes per point")));
    }

    private static XYIntervalSeriesCollection series(List<KvmMechanisms.Point> points, boolean bySlot) {
        Map<String, XYIntervalSeries> lines = new LinkedHashMap<>();
        for (KvmMechanisms.Point p : points) {
            double x = bySlot ? p.dataMiB() : p.writesPerSecond() / 1000;
            var i = p.cpuNanosPerPage().mean();
            lines.computeIfAbsent(p.line(), XYIntervalSeries::new).add(x, x, x, i.point(), i.hasInterval() ? i.low() : i.point(),
                    i.hasInterval() ? i.high() : i.point());
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        lines.values().forEach(data::addSeries);
        return data;
    }

    private static boolean spans(XYIntervalSeriesCollection data) {
        return data.getSeriesCount() > 0 && data.getSeries(0).getItemCount() > 1;
    }

    /** A log2 axis with a tick per power of two. */
    private static LogAxis axis(String label) {
        LogAxis x = new LogAxis(label);
        x.setBase(2);
        x.setTickUnit(new NumberTickUnit(1.0));
        x.setNumberFormatOverride(new DecimalFormat("#,##0"));
        return x;
    }

    private static XYPlot panel(XYIntervalSeriesCollection data, LogAxis x) {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultShapesVisible(true);
        int bitmaps = 0;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String line = (String) data.getSeriesKey(i);
            boolean ring = line.startsWith(KvmRecord.RING + " ");
            r.setSeriesPaint(i, ring ? Style.colour(line.substring(5)) : BITMAP_COLOURS[bitmaps++ % BITMAP_COLOURS.length]);
            r.setSeriesLinesVisible(i, true);
            r.setSeriesStroke(i, ring ? new BasicStroke(2f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        XYPlot plot = new XYPlot(data, x, null, r);
        plot.setBackgroundPaint(new Color(0xfafafa));
        return plot;
    }
}
