package org.ringorder.plot;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.ringorder.evidence.ClaimLevels;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.stats.Interval;

/**
 * {@code claim-levels}: the claim at its three levels, a panel each on one percent axis, each line its interval against
 * the same shaded margin band (levels 1 and 2: acquire-load over plain; level 3: what that adds, as a share of the real
 * kernel path per page), its word above it; a line not measured is an empty row saying so. How much of the ordering
 * points' cost is left where the ring really runs, read at a glance beside the claim chart.
 */
final class ClaimLevelsChart {
    static final String NAME = "claim-levels";

    private ClaimLevelsChart() {
    }

    static List<Chart> of(ClaimLevels levels, Pick.Rule rule) {
        double lo = -rule.margin() * 100;
        double hi = rule.margin() * 100;
        for (ClaimLevels.Line l : levels.lines()) {
            Interval in = l.verdict().map(v -> v.interval()).orElse(null);
            if (in != null && in.hasInterval()) {
                lo = Math.min(lo, (in.low() - 1) * 100);
                hi = Math.max(hi, (in.high() - 1) * 100);
            }
        }
        double pad = Math.max(0.5, (hi - lo) * 0.15);
        NumberAxis x = new NumberAxis("change in %: over plain (ordering points, concurrent workload); of the kernel path per page "
                + "(real kernel path)");
        x.setRange(lo - pad, hi + pad);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(12);
        combined.setOrientation(PlotOrientation.VERTICAL);
        int n = 1;
        for (ClaimLevels.Level level : ClaimLevels.Level.values()) {
            List<ClaimLevels.Line> lines = levels.level(level);
            XYPlot panel = panel(n++ + ". " + level.words(), lines, rule, x.getLowerBound(), x.getUpperBound());
            combined.add(panel, Math.max(1, lines.size()));
        }
        String title = "The claim at three levels, against the " + rule.marginWords() + " margin";
        String sub = "the ordering points decide the flag; the concurrent workload and the real kernel path are context ("
                + rule.levelWords() + " intervals, repeated where the run decided in looks; the kernel path per page taken as a "
                + "constant)";
        JFreeChart chart = Style.styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, false), sub);
        long measured = levels.lines().stream().filter(ClaimLevels.Line::measured).count();
        String caption = "acquire-load against plain at the ordering points, on the concurrent workload and on the real kernel path: "
                + measured + " of " + levels.lines().size() + " lines measured";
        return List.of(new Chart(NAME, title, caption, chart));
    }

    /** One level: a row per line, its interval and word where measured, "not measured" in an empty row where not. */
    private static XYPlot panel(String name, List<ClaimLevels.Line> lines, Pick.Rule rule, double from, double to) {
        XYIntervalSeries intervals = new XYIntervalSeries(name);
        List<String> labels = new ArrayList<>();
        List<XYTextAnnotation> words = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ClaimLevels.Line l = lines.get(i);
            double y = lines.size() - 1 - i; // the first line on top
            labels.add(l.setting().isEmpty() ? name.substring(3) : l.setting());
            if (l.verdict().isPresent()) {
                Interval in = l.verdict().get().interval();
                double point = (in.point() - 1) * 100;
                intervals.add(point, in.hasInterval() ? (in.low() - 1) * 100 : point, in.hasInterval() ? (in.high() - 1) * 100 : point,
                        y, y, y);
                XYTextAnnotation word = l.level() != ClaimLevels.Level.KERNEL_PATH ? ClaimChart.word(l.verdict().get(), l.unreliable(),
                        point, y) : ClaimChart.word(l.verdict().get(), l.unreliable(), String.format(Locale.ROOT, "%+.4f%% of each "
                        + "page's kernel path", point), point, y);
                double at = (point - from) / (to - from); // words over an interval near a side run inwards, never off the plot
                word.setTextAnchor(at > 0.7 ? TextAnchor.BOTTOM_RIGHT : at < 0.3 ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_CENTER);
                words.add(word);
            } else {
                XYTextAnnotation empty = new XYTextAnnotation("not measured", 0, y);
                empty.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
                empty.setTextAnchor(TextAnchor.CENTER);
                empty.setPaint(Color.GRAY);
                words.add(empty);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(intervals);
        SymbolAxis y = new SymbolAxis(name, ClaimChart.reversed(labels));
        y.setRange(-0.6, lines.size() - 0.25);
        y.setGridBandsVisible(false);
        y.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        XYPlot plot = new XYPlot(data, null, y, ClaimChart.intervalRenderer());
        ClaimChart.marginBand(plot, rule, false); // the title names the margin; a label would sit under the words
        words.forEach(plot::addAnnotation);
        plot.setRangeGridlinesVisible(false);
        return plot;
    }
}
