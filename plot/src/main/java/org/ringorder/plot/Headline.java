package org.ringorder.plot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.ringorder.evidence.JmhResult;

/** The setting a run's independent-fork charts show: ringSize 4096 (else the smallest), vcpus 1 (else the fewest), roles all. */
final class Headline {
    private Headline() {
    }

    static Map<String, String> of(List<JmhResult> results) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("ringSize", pick(results, "ringSize", "4096"));
        s.put("vcpus", pick(results, "vcpus", "1"));
        s.put("roles", "all");
        s.put("pattern", "sequential");
        s.put("layout", "heap");
        s.put("pollute", "false");
        s.put("backend", "jvm");
        return s;
    }

    /** E.g. {@code ringSize 4096, vcpus 1, roles all}. */
    static String words(Map<String, String> at) {
        return "ringSize " + at.get("ringSize") + ", vcpus " + at.get("vcpus") + ", roles " + at.get("roles");
    }

    private static String pick(List<JmhResult> results, String param, String preferred) {
        TreeSet<Integer> values = values(results, param);
        return values.contains(Integer.parseInt(preferred)) || values.isEmpty() ? preferred : String.valueOf(values.first());
    }

    static TreeSet<Integer> values(List<JmhResult> results, String param) {
        TreeSet<Integer> v = new TreeSet<>();
        results.stream().filter(r -> r.params().containsKey(param)).forEach(r -> v.add(Integer.parseInt(r.param(param))));
        return v;
    }

    /** The independent-fork results (not paired, not the workload) of a benchmark and strategy at a setting. */
    static Optional<JmhResult> find(List<JmhResult> results, String benchmark, String strategy, Map<String, String> at) {
        return results.stream().filter(r -> !r.paired() && !r.workload() && r.shortName().equals(benchmark)
                && r.param("strategy").equals(strategy) && r.matches(at)).findFirst();
    }
}
