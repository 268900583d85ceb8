package org.ringorder.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.ringorder.evidence.JmhResult;
import org.ringorder.evidence.Pick;
import org.ringorder.evidence.Run;
import org.ringorder.evidence.stats.Interval;
import org.ringorder.strategy.Strategies;

/** {@code ringSize-*} and {@code vcpus-*} (full profile): cost per entry against ring size and rings per call, log scale on x. */
final class SweepCharts {
    private SweepCharts() {
    }

    static List<Chart> of(Run run, Pick.Rule rule) {
        List<JmhResult> rs = run.results();
        Map<String, String> head = Headline.of(rs);
        List<Chart> charts = new ArrayList<>();
        for (String param : List.of("ringSize", "vcpus")) {
            if (Headline.values(rs.stream().filter(r -> !r.paired() && !r.workload()).toList(), param).size() < 2) {
                continue;
            }
            for (Map.Entry<String, String> b : CostCharts.BENCHMARKS.entrySet()) {
                if (b.getKey().equals("BareScan.scan") && param.equals("vcpus")) {
                    continue;
                }
                Map<String, String> fixed = new LinkedHashMap<>(head);
                fixed.remove(param);
                XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
                for (String s : Strategies.NAMES) {
                    XYIntervalSeries series = new XYIntervalSeries(s);
                    for (int v : Headline.values(rs, param)) {
                        Map<String, String> at = new LinkedHashMap<>(fixed);
                        at.put(param, String.valueOf(v));
                        Headline.find(rs, b.getKey(), s, at).ifPresent(x -> {
                            Interval i = x.perEntry().interval(rule.level());
                            series.add(v, v, v, i.point(), i.hasInterval() ? i.low() : i.point(), i.hasInterval() ? i.high() : i.point());
                        });
                    }
                    if (series.getItemCount() > 0) {
                        data.addSeries(series);
                    }
                }
                if (data.getSeriesCount() == 0) {
                    continue;
                }
                String title = b.getValue() + ": cost per entry against " + (param.equals("ringSize") ? "ring size" : "vCPUs");
                charts.add(new Chart(param + "-" + b.getKey().substring(0, b.getKey().indexOf('.')).toLowerCase(Locale.ROOT), title,
                        "ns per entry, log scale on x; other settings as in the headline",
                        Style.lines(title, run.label(), param.equals("ringSize") ? "ring size (entries, log scale)"
                                : "vCPUs (rings per call, log scale)", "ns per entry", data)));
            }
        }
        return charts;
    }
}
