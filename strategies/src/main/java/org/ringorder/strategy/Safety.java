package org.ringorder.strategy;

import java.util.List;
import java.util.Map;

/**
 * Which strategy orders which of the protocol's shapes, from the Java memory model plus what the
 * hardware adds: the README's litmus table, and what {@code ringorder pick} trusts as "known safe".
 * Each entry is the expectation of one jcstress test ({@code litmus/}): FORBIDDEN where the
 * strategy's access modes make the bad outcome impossible under the JMM, acceptable (but
 * interesting) where only the compiler's or the CPU's restraint keeps it away. A test in the
 * litmus module checks that every test's annotations say the same as this table.
 */
public final class Safety {
    /** The protocol's three ordering shapes, each one litmus test per strategy. */
    public enum Shape {
        /** push to harvest (message passing): payload, then DIRTY; observe DIRTY, then read the payload. */
        PUSH_HARVEST("push-harvest"),
        /** harvest to reuse: read the payload, then RESET; reset invalidates and publishes the reset index; the vCPU reuses. */
        HARVEST_REUSE("harvest-reuse"),
        /** short reset: mark A and B RESET, then the doorbell; observe the doorbell, then read A and B. */
        SHORT_RESET("short-reset");

        private final String id;

        Shape(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The shape by its id, as results files spell it. */
        public static Shape byId(String id) {
            for (Shape s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown shape '" + id + "'");
        }
    }

    /** A per-shape expectation: is the bad outcome forbidden, and why. */
    public record Expectation(boolean forbidden, String reason) {
    }

    /** A verdict for the whole protocol and the one-line reason for it. */
    public record Verdict(boolean safe, String reason) {
    }

    private static final String RACE_X86 = "; x86 (TSO) never reorders this in hardware, so only C2 can show it there";

    // The reasons are constants so that each jcstress test carries the same words as its description.
    public static final String PLAIN_PUSH_HARVEST = "plain accesses race: no happens-before, so C2 may sink a payload store "
            + "below the DIRTY store or hoist a payload load above the flag load; arm64 reorders both" + RACE_X86;
    public static final String PLAIN_HARVEST_REUSE = "nothing orders the collector's payload load before its plain RESET "
            + "store (a load-store reordering: allowed to C2, and to arm64 hardware)" + RACE_X86;
    public static final String OPAQUE_PUSH_HARVEST = "opaque makes the flag access itself happen, coherently, but orders no "
            + "other variable: the plain payload accesses may move across it (arm64: plain str/ldr)" + RACE_X86;
    public static final String OPAQUE_HARVEST_REUSE = "an opaque RESET store does not order the payload load before it"
            + RACE_X86;
    public static final String VOLATILE_PUSH_HARVEST = "the volatile DIRTY store synchronizes-with the volatile load that "
            + "sees it: the payload stores happen-before the payload loads";
    public static final String VOLATILE_HARVEST_REUSE = "volatile RESET store, volatile observe, volatile reset index: a "
            + "happens-before chain from the collector's payload load to the vCPU's reuse";
    public static final String ACQUIRE_LOAD_PUSH_HARVEST = "store-release of DIRTY, load-acquire of the flag: the payload stores "
            + "happen-before the payload loads";
    public static final String ACQUIRE_LOAD_HARVEST_REUSE = "the RESET store is a release (the payload load stays before it), "
            + "the reset's observe an acquire, the reset index a release/acquire pair";
    public static final String FULL_FENCE_PUSH_HARVEST = "a full fence between the payload stores and the plain DIRTY store, and "
            + "between the flag load and the payload loads";
    public static final String FULL_FENCE_HARVEST_REUSE = "a full fence before the RESET store, after the reset's flag load, "
            + "before the reset index store and after its load";
    public static final String BATCHED_FENCE_PUSH_HARVEST = "push is a batch of one (fence, plain DIRTY); the harvest fences once "
            + "between the batch's flag loads and its payload loads";
    public static final String BATCHED_FENCE_HARVEST_REUSE = "one fence between the batch's payload loads and its RESET stores; the "
            + "reset fences after its flag loads and before the reset index";
    public static final String PLAIN_SHORT_RESET = "the plain doorbell store may pass the plain RESET stores, and the "
            + "flag loads may pass the doorbell load" + RACE_X86;
    public static final String OPAQUE_SHORT_RESET = "opaque accesses to different variables (A, B, the doorbell) are not "
            + "ordered with each other" + RACE_X86;
    public static final String VOLATILE_SHORT_RESET = "the volatile doorbell store synchronizes-with the load that sees it, "
            + "after both RESET stores in program order";
    public static final String ACQUIRE_LOAD_SHORT_RESET = "the doorbell store is a release after both RESET stores, its load an "
            + "acquire before the flag loads";
    public static final String FULL_FENCE_SHORT_RESET = "a full fence before each RESET store and before the doorbell store; "
            + "one after the doorbell load";
    public static final String BATCHED_FENCE_SHORT_RESET = "the RESET stores inside one batch are unordered with each other, but the "
            + "doorbell's fence comes after all of them, and the reset fences after the doorbell load";

    private static final Map<String, Map<Shape, Expectation>> TABLE = Map.of(
            "plain", Map.of(
                    Shape.PUSH_HARVEST, allowed(PLAIN_PUSH_HARVEST),
                    Shape.HARVEST_REUSE, allowed(PLAIN_HARVEST_REUSE),
                    Shape.SHORT_RESET, allowed(PLAIN_SHORT_RESET)),
            "opaque", Map.of(
                    Shape.PUSH_HARVEST, allowed(OPAQUE_PUSH_HARVEST),
                    Shape.HARVEST_REUSE, allowed(OPAQUE_HARVEST_REUSE),
                    Shape.SHORT_RESET, allowed(OPAQUE_SHORT_RESET)),
            "volatile", Map.of(
                    Shape.PUSH_HARVEST, forbidden(VOLATILE_PUSH_HARVEST),
                    Shape.HARVEST_REUSE, forbidden(VOLATILE_HARVEST_REUSE),
                    Shape.SHORT_RESET, forbidden(VOLATILE_SHORT_RESET)),
            "acquire-load", Map.of(
                    Shape.PUSH_HARVEST, forbidden(ACQUIRE_LOAD_PUSH_HARVEST),
                    Shape.HARVEST_REUSE, forbidden(ACQUIRE_LOAD_HARVEST_REUSE),
                    Shape.SHORT_RESET, forbidden(ACQUIRE_LOAD_SHORT_RESET)),
            "full-fence", Map.of(
                    Shape.PUSH_HARVEST, forbidden(FULL_FENCE_PUSH_HARVEST),
                    Shape.HARVEST_REUSE, forbidden(FULL_FENCE_HARVEST_REUSE),
                    Shape.SHORT_RESET, forbidden(FULL_FENCE_SHORT_RESET)),
            "batched-fence", Map.of(
                    Shape.PUSH_HARVEST, forbidden(BATCHED_FENCE_PUSH_HARVEST),
                    Shape.HARVEST_REUSE, forbidden(BATCHED_FENCE_HARVEST_REUSE),
                    Shape.SHORT_RESET, forbidden(BATCHED_FENCE_SHORT_RESET)));

    private Safety() {
    }

    private static Expectation forbidden(String why) {
        return new Expectation(true, why);
    }

    private static Expectation allowed(String why) {
        return new Expectation(false, why);
    }

    /** The expectation for one strategy and shape; unknown strategies order nothing. */
    public static Expectation expect(String strategy, Shape shape) {
        Map<Shape, Expectation> row = TABLE.get(strategy);
        return row == null ? allowed("not a known strategy") : row.get(shape);
    }

    /** Known safe means: the bad outcome of every shape is forbidden. */
    public static Verdict of(String strategy) {
        if (!TABLE.containsKey(strategy)) {
            return new Verdict(false, "not a known strategy");
        }
        List<String> open = List.of(Shape.values()).stream().filter(s -> !expect(strategy, s).forbidden())
                .map(Shape::id).toList();
        return open.isEmpty()
                ? new Verdict(true, "the bad outcome of every shape is forbidden by the Java memory model")
                : new Verdict(false, "the Java memory model allows the bad outcome of " + String.join(", ", open));
    }
}
