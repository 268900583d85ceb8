package org.ringorder.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.ringorder.bench.paired.PairedBench;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * The benchmarks' strategy lists are constants (annotation values must be), so they are checked
 * here against the one list, {@link Strategies#NAMES}, by name.
 */
class BenchmarkParamsTest {
    private static List<String> strategies(Class<?> bench) throws NoSuchFieldException {
        Field f = null;
        for (Class<?> c = bench; c != null && f == null; c = c.getSuperclass()) {
            try {
                f = c.getDeclaredField("strategy");
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        if (f == null) {
            throw new NoSuchFieldException(bench + " has no strategy param");
        }
        return List.of(f.getAnnotation(Param.class).value());
    }

    @Test
    void theMicrobenchmarksRunEveryStrategyInItsOrder() throws Exception {
        for (Class<?> b : List.of(ResetBench.class, HarvestBench.class, BareScanBench.class, RingWorkloadBench.class)) {
            assertEquals(Strategies.NAMES, strategies(b), b.getSimpleName());
        }
    }

    @Test
    void thePairedBenchmarkRunsTheNullPairAndEveryKnownSafeStrategy() throws Exception {
        List<String> expected = Strategies.NAMES.stream().filter(s -> s.equals("plain") || Safety.of(s).safe()).toList();
        assertEquals(expected, strategies(PairedBench.class));
    }

    @Test
    void theSplitCostBenchmarkNamesStrategiesThatExist() throws Exception {
        assertTrue(Strategies.NAMES.containsAll(strategies(SplitCostBench.class)));
    }
}
