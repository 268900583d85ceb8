package org.ringorder.strategy;

import java.util.EnumSet;
import java.util.Set;

/**
 * One order a thread must keep: its accesses at {@link #earlier()} before those at {@link #later()},
 * as other CPUs see them. The ends are an ordering point's own access, or the thread's loads and
 * stores before or after the point. Both what an access mode promises ({@link Mode}) and what the
 * ring protocol needs at a point ({@link ProtocolNeeds}) are sets of these, so the asm part can
 * check emitted code against either.
 */
public record Order(End earlier, End later) {
    /** Either side of an order. */
    public enum End {
        EARLIER_LOADS("earlier loads"),
        EARLIER_STORES("earlier stores"),
        ACCESS("the access"),
        LATER_LOADS("later loads"),
        LATER_STORES("later stores"),
        /**
         * The later volatile loads of the same strategy, as the same compiler emits them: a volatile
         * store's store-to-load order is a promise about that pair, whichever side of it the mapping
         * puts the barrier on (after the store on x86 and in HotSpot's riscv64, a leading fence before
         * the load in gcc's riscv64, the RCsc pair {@code stlr}/{@code ldar} on aarch64).
         */
        LATER_VOLATILE_LOADS("later volatile loads");

        private final String words;

        End(String words) {
            this.words = words;
        }

        /** E.g. {@code earlier stores}; {@code noun} for {@link #ACCESS}, e.g. {@code the RESET store}. */
        public String words(String noun) {
            return this == ACCESS ? noun : words;
        }
    }

    /** The four pairs a fence can order across itself: earlier loads or stores before later loads or stores. */
    public enum Pair {
        LOAD_LOAD, LOAD_STORE, STORE_LOAD, STORE_STORE;

        public static final Set<Pair> ALL = EnumSet.allOf(Pair.class);

        /** Whether the earlier side is loads (else stores). */
        public boolean afterLoads() {
            return this == LOAD_LOAD || this == LOAD_STORE;
        }

        /** Whether the later side is loads (else stores). */
        public boolean beforeLoads() {
            return this == LOAD_LOAD || this == STORE_LOAD;
        }

        /** The pair from an earlier kind to a later kind. */
        public static Pair of(boolean earlierLoad, boolean laterLoad) {
            return earlierLoad ? laterLoad ? LOAD_LOAD : LOAD_STORE : laterLoad ? STORE_LOAD : STORE_STORE;
        }
    }

    /** E.g. {@code earlier stores before the RESET store}. */
    public String words(String noun) {
        return earlier.words(noun) + " before " + later.words(noun);
    }
}
