package org.ringorder.strategy;

import java.util.List;
import java.util.function.Supplier;

/**
 * The strategies by their flag names, in the order results list them: those {@link Safety}
 * declares beside their rows, so a strategy has no line here.
 */
public final class Strategies {
    private static final List<Supplier<ResetStrategy>> ALL = Safety.STRATEGIES;

    /** Every strategy flag, e.g. {@code plain, opaque, volatile, acquire-load, full-fence, batched-fence}. */
    public static final List<String> NAMES = ALL.stream().map(s -> s.get().name()).toList();

    private Strategies() {
    }

    /** A fresh instance of the named strategy, or an exception naming the bad value and the good ones. */
    public static ResetStrategy byName(String name) {
        for (Supplier<ResetStrategy> s : ALL) {
            ResetStrategy strategy = s.get();
            if (strategy.name().equals(name)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException(
                "unknown strategy '" + name + "': expected one of " + String.join(", ", NAMES));
    }
}
