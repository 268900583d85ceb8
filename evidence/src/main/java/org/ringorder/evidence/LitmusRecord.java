package org.ringorder.evidence;

import java.util.List;
import java.util.Map;

/**
 * One jcstress litmus test's summary ({@code litmus/litmus.json} holds one per test): its strategy
 * (or {@code linux}, the kernel model alone), the roles and the shape and form it runs, the bad
 * outcome and its expectation, how many samples jcstress took and how many showed the bad outcome,
 * every outcome's count, whether it ran (and why not), and whether the expectation held. A test
 * that did not run did not hold: it is "not run".
 */
public record LitmusRecord(String test, String strategy, String roles, String shape, String form, int actors, String mode,
                           String badOutcome, String expect, int configs, long samples, long badSamples,
                           Map<String, Long> outcomes, boolean ran, String skipped, List<String> errors, boolean held,
                           String verdict) {
    /** jcstress's presets, shortest first: the modes a litmus part runs at. */
    public static final List<String> MODES = List.of("sanity", "quick", "default", "tough", "stress");

    /** The roles, "all" for results written before roles were recorded. */
    public String rolesOrAll() {
        return roles == null ? "all" : roles;
    }

    /** It ran and its expectation did not hold: a forbidden outcome was seen, or a configuration failed. */
    public boolean broken() {
        return ran && !held;
    }

    /** One word for tables: not run, held, seen (allowed) or broken. */
    public String state() {
        return !ran ? "not run" : !held ? "EXPECTATION BROKEN" : badSamples > 0 ? "seen, allowed" : "held";
    }
}
