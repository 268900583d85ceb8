package org.ringorder.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.ScatterRenderer;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultMultiValueCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.strategy.Strategies;

/**
 * How every chart looks: one colour per strategy, the same everywhere; bars with their interval
 * as the error bar and a point per fork beside each bar; lines over a log2 axis. A chart says
 * what it plots through {@link Axis}, never through its label text.
 */
final class Style {
    /** The suite's strategies' colours; any other strategy gets {@link #derivedColour} (a test checks both). */
    static final Map<String, Color> PALETTE = Map.of(
            "plain", new Color(0x7f7f7f),
            "opaque", new Color(0x1f77b4),
            "volatile", new Color(0x9467bd),
            "acquire-load", new Color(0x2ca02c),
            "full-fence", new Color(0xd62728),
            "batched-fence", new Color(0xff7f0e));

    /** What a chart's value axis holds. */
    enum Axis {
        /** An absolute figure (ns, rates, counts). */
        ABSOLUTE,
        /** A figure over plain's: 1.0, the reference, is drawn as a line. */
        RELATIVE_TO_PLAIN,
        /** Spans orders of magnitude: a log axis. */
        LOG
    }

    /** One bar: a strategy's figure in a category, its interval, and each fork's value (empty: none to show). */
    record Bar(String strategy, String category, Interval interval, List<Double> forks) {
    }

    private Style() {
    }

    /** How far apart (in RGB) a derived colour stays from every palette colour, to be told apart in a legend. */
    static final double MIN_DISTANCE = 90;

    /** The strategy's colour: the palette's, or for a strategy it does not know, one derived from its name. */
    static Color colour(String strategy) {
        Color known = PALETTE.get(strategy);
        return known != null ? known : derivedColour(strategy);
    }

    /**
     * A colour of its own for a strategy the palette does not know: a hue from its name, so the same
     * in every chart and every run, moved on by golden-ratio steps while it is near a palette colour.
     */
    static Color derivedColour(String strategy) {
        float hue = (strategy.hashCode() & 0xffff) / 65536f;
        Color c = Color.getHSBColor(hue, 0.75f, 0.8f);
        for (int step = 0; step < 32 && nearThePalette(c); step++) {
            hue = (hue + 0.618034f) % 1f;
            c = Color.getHSBColor(hue, 0.75f, 0.8f);
        }
        return c;
    }

    static boolean nearThePalette(Color c) {
        return PALETTE.values().stream().anyMatch(p -> distance(c, p) < MIN_DISTANCE);
    }

    static double distance(Color a, Color b) {
        return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
                + Math.pow(a.getBlue() - b.getBlue(), 2));
    }

    /**
     * Bars grouped by category, one per strategy in {@link Strategies#NAMES} order, with the
     * interval as the error bar and the forks as points over each bar. A bar without an interval
     * (one sample) has no error bar; the subtitle says so.
     */
    static JFreeChart bars(String title, String subtitle, String categoryAxis, String valueAxis, Axis axis, List<Bar> bars) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        DefaultMultiValueCategoryDataset points = new DefaultMultiValueCategoryDataset();
        List<String> series = new ArrayList<>();
        List<String> names = new ArrayList<>(Strategies.NAMES);
        bars.stream().map(Bar::strategy).filter(s -> !names.contains(s)).distinct().forEach(names::add);
        List<String> categories = bars.stream().map(Bar::category).distinct().toList();
        for (String s : names) {
            for (String c : categories) {
                bars.stream().filter(b -> b.strategy().equals(s) && b.category().equals(c)).findFirst().ifPresent(b -> {
                    Interval i = b.interval();
                    data.add(i.point(), i.hasInterval() ? (i.high() - i.low()) / 2 : 0.0, s, c);
                    points.add(new ArrayList<>(b.forks()), s, c);
                    if (!series.contains(s)) {
                        series.add(s);
                    }
                });
            }
        }
        ValueAxis values = axis == Axis.LOG ? logAxis(valueAxis) : new NumberAxis(valueAxis);
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.05);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(categoryAxis), values, r);
        ScatterRenderer dots = new ScatterRenderer();
        dots.setUseSeriesOffset(true);
        dots.setItemMargin(0.05);
        dots.setUseOutlinePaint(true);
        dots.setDefaultOutlinePaint(Color.BLACK);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, colour(series.get(i)));
            dots.setSeriesPaint(i, colour(series.get(i)).darker());
            dots.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            dots.setSeriesVisibleInLegend(i, false);
        }
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setOrientation(PlotOrientation.VERTICAL);
        if (axis == Axis.RELATIVE_TO_PLAIN) {
            plot.addRangeMarker(new ValueMarker(1.0, Color.DARK_GRAY, new BasicStroke(1.2f)));
        }
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        boolean noIntervals = bars.stream().noneMatch(b -> b.interval().hasInterval());
        return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                subtitle + (noIntervals ? " (one sample each: no error bars)" : ""));
    }

    /** Lines with error bars over a log2 x axis, one series per strategy. */
    static JFreeChart lines(String title, String subtitle, String xLabel, String yLabel, XYIntervalSeriesCollection data) {
        LogAxis x = new LogAxis(xLabel);
        x.setBase(2);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new DecimalFormat("0"));
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, colour((String) data.getSeriesKey(i)));
            r.setSeriesLinesVisible(i, true);
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, new NumberAxis(yLabel), r);
        return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), subtitle);
    }

    /** A log axis with a tick per power of ten. */
    static LogAxis logAxis(String label) {
        LogAxis log = new LogAxis(label);
        log.setSmallestValue(0.1);
        log.setTickUnit(new NumberTickUnit(1.0));
        log.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        return log;
    }

    static JFreeChart styled(JFreeChart chart, String subtitle) {
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xfafafa));
        return chart;
    }
}
