package org.ringorder.strategy;

import java.util.Map;

/**
 * Which strategies are known safe for the whole protocol, from the Java memory model and what
 * the hardware adds (the README's safety table). Until the correctness suite lands, this is what
 * {@code ringorder pick} trusts; a strategy absent or unsafe here is never picked, whatever a
 * run observed.
 */
public final class Safety {
    /** A verdict and the one-line reason for it. */
    public record Verdict(boolean safe, String reason) {
    }

    private static final Map<String, Verdict> TABLE = Map.of(
            "plain", new Verdict(false, "no ordering: C2 may reorder or hoist plain flag and payload accesses "
                    + "on any CPU, and weakly ordered CPUs reorder them in hardware"),
            "opaque", new Verdict(false, "opaque orders accesses to the flag alone: the payload accesses around "
                    + "it may still be reordered (message passing breaks on arm64)"),
            "volatile", new Verdict(true, "sequentially consistent flag accesses are at least release/acquire at "
                    + "every ordering point"),
            "acquire-load", new Verdict(true, "every publish is a release and every observe an acquire, so each "
                    + "edge (payload before DIRTY, payload read before RESET, invalidation before reuse) is a "
                    + "happens-before edge"),
            "full-fence", new Verdict(true, "a full fence after each observe and before each publish orders "
                    + "the payload accesses against the flag in both directions"),
            "batched-fence", new Verdict(true, "each batch's flag loads are fenced before its payload work, and "
                    + "that work is fenced before its flag stores"));

    private Safety() {
    }

    /** The verdict for a strategy flag; unknown flags are unsafe. */
    public static Verdict of(String strategy) {
        return TABLE.getOrDefault(strategy, new Verdict(false, "not a known strategy"));
    }
}
