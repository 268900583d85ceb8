package org.ringorder.evidence;

import java.util.List;
import java.util.Map;

/**
 * One jcstress litmus test's summary ({@code litmus/litmus.json} holds one per test): its strategy
 * and shape, the bad outcome and its expectation, how many samples jcstress took and how many
 * showed the bad outcome, every outcome's count, whether it ran (and why not), and whether the
 * expectation held.
 */
public record LitmusRecord(String test, String strategy, String shape, int actors, String mode, String badOutcome,
                           String expect, int configs, long samples, long badSamples, Map<String, Long> outcomes,
                           boolean ran, String skipped, List<String> errors, boolean held, String verdict) {
    /** jcstress's presets, shortest first: the modes a litmus part runs at. */
    public static final List<String> MODES = List.of("sanity", "quick", "default", "tough", "stress");
}
