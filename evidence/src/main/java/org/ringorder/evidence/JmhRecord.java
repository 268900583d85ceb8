package org.ringorder.evidence;

import java.util.List;
import java.util.Map;

/**
 * One element of JMH's own JSON ({@code -rf json}), the fields ringorder reads: the benchmark, its
 * params, and each metric with JMH's score and its raw data (one row per fork, one value per
 * measurement iteration), from which ringorder takes its intervals over forks.
 */
public record JmhRecord(String benchmark, String mode, int threads, int forks, List<String> jvmArgs, String jdkVersion,
                        String vmVersion, Map<String, String> params, Metric primaryMetric,
                        Map<String, Metric> secondaryMetrics) {

    /** A metric: JMH's score and error (99.9%, over all iterations pooled), its unit, and the raw data per fork. */
    public record Metric(double score, double scoreError, List<Double> scoreConfidence, String scoreUnit,
                         List<List<Double>> rawData) {
    }
}
