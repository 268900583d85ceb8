package org.ringorder.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * The benchmarks' {@code strategy} params are constants (annotation values must be), and only
 * JMH's defaults: the CLI always passes {@code -p strategy=} from {@link Strategies#NAMES}. So a
 * new strategy adds no name to them; what is checked here, by name, is that every name they hold
 * is a known strategy, in {@link Strategies#NAMES}' order. The params are read from JMH's own
 * benchmark list, so a benchmark added later is checked too.
 */
class BenchmarkParamsTest {
    /** Each benchmark class with a strategy param, and its default names. */
    private static Map<String, List<String>> strategyParams() throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (InputStream in = BenchmarkParamsTest.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            assertNotNull(in, "JMH's benchmark list is on the classpath");
            for (BenchmarkListEntry e : BenchmarkList.readBenchmarkList(in)) {
                String[] names = e.getParams().orElse(Map.of()).get("strategy");
                if (names != null) {
                    out.put(e.getUserClassQName(), List.of(names));
                }
            }
        }
        return out;
    }

    @Test
    void everyStrategyParamNamesKnownStrategiesInTheirOrder() throws Exception {
        Map<String, List<String>> params = strategyParams();
        assertTrue(params.keySet().containsAll(List.of(ResetBench.class.getName(), HarvestBench.class.getName(),
                BareScanBench.class.getName(), RingWorkloadBench.class.getName(), SplitCostBench.class.getName(),
                "org.ringorder.bench.paired.PairedBench")), params.keySet().toString());
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            List<String> names = p.getValue();
            assertFalse(names.isEmpty(), p.getKey());
            List<Integer> positions = new ArrayList<>();
            for (String name : names) {
                assertTrue(Strategies.NAMES.contains(name), p.getKey() + ": '" + name + "' is not a strategy of "
                        + Strategies.NAMES);
                positions.add(Strategies.NAMES.indexOf(name));
            }
            assertEquals(positions.stream().sorted().distinct().toList(), positions, p.getKey() + ": " + names
                    + " in the order of " + Strategies.NAMES);
        }
    }

    @Test
    void thePairedBenchmarksDefaultsAreTheNullPairAndKnownSafeStrategies() throws Exception {
        for (String s : strategyParams().get("org.ringorder.bench.paired.PairedBench")) {
            assertTrue(s.equals("plain") || Safety.of(s).safe(), s);
        }
    }
}
