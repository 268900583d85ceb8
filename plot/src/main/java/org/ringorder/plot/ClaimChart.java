package org.ringorder.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.ringorder.evidence.Claim;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.evidence.stats.Verdict;

/**
 * {@code claim}, the headline: each claim (acquire-load over plain, on the JVM and in C; in a
 * comparison, a row per run and backend) as its interval against the shaded margin band, zero
 * marked, and the word beside it. Which side of zero and of each edge the interval lies on is the
 * answer to "zero cost?", read at a glance. Runs under emulation have no timed claim, so no row.
 */
final class ClaimChart {
    private static final Color BAND = new Color(0xd9f0d3);
    private static final Color EDGE = new Color(0x5aa05a);

    private ClaimChart() {
    }

    static List<Chart> of(List<Claim> claims, Pick.Rule rule, boolean comparison) {
        List<Claim> timed = claims.stream().filter(c -> c.verdict().isPresent()).toList();
        if (timed.isEmpty()) {
            return List.of();
        }
        XYIntervalSeries intervals = new XYIntervalSeries("95% interval");
        List<String> labels = new ArrayList<>();
        List<XYTextAnnotation> words = new ArrayList<>();
        double lo = -rule.margin() * 100;
        double hi = rule.margin() * 100;
        for (int i = 0; i < timed.size(); i++) {
            Claim c = timed.get(i);
            Verdict v = c.verdict().get();
            Interval in = v.interval();
            double y = timed.size() - 1 - i; // the first claim on top
            double point = (in.point() - 1) * 100;
            double low = in.hasInterval() ? (in.low() - 1) * 100 : point;
            double high = in.hasInterval() ? (in.high() - 1) * 100 : point;
            intervals.add(point, low, high, y, y, y);
            lo = Math.min(lo, low);
            hi = Math.max(hi, high);
            boolean jvm = c.backend().equals("jvm");
            labels.add(comparison ? c.run().label() + (jvm ? ", JVM" : ", C (gcc)") : jvm ? "JVM, " + c.compiler() : c.compiler());
            words.add(word(v, c.unreliable(), point, y));
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(intervals);
        double pad = Math.max(0.5, (hi - lo) * 0.15);
        NumberAxis x = new NumberAxis("acquire-load over plain, change in % (harvest + reset per entry)");
        x.setRange(lo - pad, hi + pad);
        SymbolAxis y = new SymbolAxis(null, reversed(labels));
        y.setRange(-0.6, timed.size() - 0.25);
        y.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(data, x, y, intervalRenderer());
        plot.setOrientation(PlotOrientation.VERTICAL);
        marginBand(plot, rule, true);
        words.forEach(plot::addAnnotation);
        plot.setRangeGridlinesVisible(false);
        String title = "Is acquire/release free? The claim against the " + rule.marginWords() + " margin";
        String sub = "each row: the interval its verdict used (" + rule.levelWords() + ", repeated where the run decided in looks); "
                + "shaded: the margin; free and costs read it widened by the resolution (" + rule.resolutionWords()
                + ") in quadrature: what moves between runs";
        JFreeChart chart = Style.styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false), sub);
        String caption = String.format(Locale.ROOT, "the seed's claim, \"zero cost on x86\": %d claim%s against the margin band",
                timed.size(), timed.size() == 1 ? "" : "s");
        return List.of(new Chart("claim", title, caption, chart));
    }

    /** A verdict's word over its interval's point at row {@code y}, in the word's colour: e.g. {@code free +0.3%; zero not excluded}. */
    static XYTextAnnotation word(Verdict v, boolean unreliable, double x, double y) {
        return word(v, unreliable, Interval.change(v.interval().point()) + "%; " + v.zeroWords(), x, y);
    }

    /** The same with the figure in words of the caller's (a share too small for one decimal). */
    static XYTextAnnotation word(Verdict v, boolean unreliable, String figure, double x, double y) {
        XYTextAnnotation word = new XYTextAnnotation((unreliable ? "unreliable: " : "") + v.word().text() + " " + figure, x, y + 0.28);
        word.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        word.setTextAnchor(TextAnchor.BOTTOM_CENTER);
        word.setPaint(colour(v.word()));
        return word;
    }

    /** Each row's interval as a horizontal error bar with its point, in the claimed strategy's colour. */
    static XYErrorRenderer intervalRenderer() {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawYError(false);
        r.setErrorPaint(Color.BLACK);
        r.setErrorStroke(new BasicStroke(2.5f));
        r.setCapLength(10);
        r.setSeriesPaint(0, Style.colour(Pick.CLAIMED));
        r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesLinesVisible(0, false);
        r.setDefaultShapesVisible(true);
        return r;
    }

    /** The shaded ±margin band with dashed edges (its label where {@code labelled}), and the line at zero. */
    static void marginBand(XYPlot plot, Pick.Rule rule, boolean labelled) {
        IntervalMarker band = new IntervalMarker(-rule.margin() * 100, rule.margin() * 100, BAND);
        if (labelled) {
            band.setLabel("margin " + rule.marginWords());
            band.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            band.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP);
            band.setLabelTextAnchor(TextAnchor.TOP_CENTER);
        }
        plot.addDomainMarker(band, org.jfree.chart.ui.Layer.BACKGROUND);
        for (double edge : new double[] {-rule.margin() * 100, rule.margin() * 100}) {
            plot.addDomainMarker(new ValueMarker(edge, EDGE, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {4, 4}, 0)));
        }
        ValueMarker zero = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.5f));
        if (labelled) {
            zero.setLabel("zero");
            zero.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            zero.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT);
            zero.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        }
        plot.addDomainMarker(zero);
    }

    static String[] reversed(List<String> labels) {
        String[] out = new String[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            out[labels.size() - 1 - i] = labels.get(i);
        }
        return out;
    }

    private static Color colour(Verdict.Word w) {
        return switch (w) {
            case FREE -> new Color(0x1a7f1a);
            case COSTS -> new Color(0xb22222);
            case AT_THE_MARGIN -> new Color(0xb8860b);
            case INCONCLUSIVE -> Color.DARK_GRAY;
        };
    }
}
