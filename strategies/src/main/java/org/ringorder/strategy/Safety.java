package org.ringorder.strategy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The one table of expectations: for each strategy and each of the protocol's shapes, whether the
 * bad outcome is forbidden, which kind of guarantee that rests on, and why, in a sentence. Every
 * jcstress test ({@code litmus/}) takes its expectation and description from here, and a test
 * checks they agree; {@code pick}, the report and the README's safety table read it too.
 *
 * <p>Under {@link Roles#USERSPACE} the kernel's side is {@link LinuxKernel}: a shape that tests
 * only the kernel's side then has one cell, the kernel's ({@link LinuxKernel#NAME}), which is never
 * charged to a userspace strategy.
 */
public final class Safety {
    /** Whose accesses a shape orders. */
    public enum Side {
        KERNEL, USERSPACE, BOTH
    }

    /** Where a shape occurs: a strategy unsafe on it is not offered as safe there. */
    public enum Setting {
        EVERY_VMM("every VMM"),
        RESET_ELSEWHERE("a reset that runs on another CPU than the collector, handed off through the strategy's doorbell"),
        PLAIN_HANDOFF("a reset that runs on another CPU, handed off through a plain flag");

        private final String words;

        Setting(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** What a forbidden outcome rests on. */
    public enum Guarantee {
        JLS_HAPPENS_BEFORE("JLS 17.4 happens-before", "volatile accesses are synchronization actions"),
        VARHANDLE("the VarHandle specification", "acquire/release, opaque and the fences are not JLS synchronization "
                + "actions, so plain accesses around them still race under 17.4"),
        HOTSPOT("HotSpot's behaviour alone", "no Java rule forbids it: C2 keeps the order, and so do the CPUs it targets"),
        NONE("nothing", "the bad outcome is allowed");

        private final String words;
        private final String why;

        Guarantee(String words, String why) {
            this.words = words;
            this.why = why;
        }

        public String words() {
            return words;
        }

        /** One clause on what the guarantee is. */
        public String why() {
            return why;
        }
    }

    /** The protocol's shapes, each a jcstress test per strategy (and per roles it runs under). */
    public enum Shape {
        PUSH_HARVEST("push-harvest", Side.BOTH, Setting.EVERY_VMM,
                "the vCPU writes the payload, then DIRTY; the collector observes DIRTY, then reads the payload",
                "DIRTY published before the payload is written"),
        HARVEST_REUSE("harvest-reuse", Side.BOTH, Setting.EVERY_VMM,
                "the collector reads the payload, then marks RESET; the reset invalidates and publishes the reset index; "
                        + "the vCPU reuses the entry",
                "RESET marked before the payload is read"),
        RESET_REUSE("reset-reuse", Side.KERNEL, Setting.EVERY_VMM,
                "the reset reads the payload and invalidates, then publishes the reset index; the vCPU observes it and "
                        + "writes the next lap's payload",
                "the reset index published before the reset reads the payload"),
        LATE_INVALIDATE("late-invalidate", Side.KERNEL, Setting.EVERY_VMM,
                "the reset's flags = 0 and the reset index; the vCPU's next push to the same entry",
                "the reset index published before flags = 0"),
        CHAIN("chain", Side.BOTH, Setting.EVERY_VMM,
                "the vCPU pushes, the collector observes DIRTY and marks RESET, the reset observes RESET and reads the payload",
                "the reset reads the payload before it observes RESET"),
        SHORT_RESET("short-reset", Side.USERSPACE, Setting.RESET_ELSEWHERE,
                "the collector marks A and B RESET, then rings the strategy's doorbell; the reset observes the doorbell, "
                        + "then A's and B's flags",
                "the doorbell rung before the RESET stores"),
        PLAIN_DOORBELL("plain-doorbell", Side.USERSPACE, Setting.PLAIN_HANDOFF,
                "the collector marks four entries RESET, then sets a plain handoff flag; the reset observes the flag and "
                        + "scans in order (Marc's example in the seed)",
                "the handoff flag set before the RESET stores");

        private final String id;
        private final Side side;
        private final Setting setting;
        private final String what;
        private final String broken;

        Shape(String id, Side side, Setting setting, String what, String broken) {
            this.id = id;
            this.side = side;
            this.setting = setting;
            this.what = what;
            this.broken = broken;
        }

        public String id() {
            return id;
        }

        /** Whose accesses it orders. */
        public Side side() {
            return side;
        }

        /** Where it occurs. */
        public Setting setting() {
            return setting;
        }

        /** What it runs, in a sentence. */
        public String what() {
            return what;
        }

        /** Its test-only broken variant: the bad ordering written in program order. */
        public String broken() {
            return broken;
        }

        /**
         * The roles it runs under: all, and userspace (with {@link LinuxKernel}) where it tests the
         * kernel's side. A shape that orders only the VMM's handoff has no kernel edge to swap.
         */
        public List<Roles> roles() {
            return side == Side.USERSPACE ? List.of(Roles.ALL) : List.of(Roles.ALL, Roles.USERSPACE);
        }

        /** Whether, under these roles, it tests Linux's kernel side alone: one cell, the kernel model's. */
        public boolean kernelsAlone(Roles roles) {
            return roles == Roles.USERSPACE && side == Side.KERNEL;
        }

        /** Whether its bad outcome under these roles is the strategy's doing, or the kernel's or the handoff's. */
        public boolean chargedToStrategy(Roles roles) {
            return setting != Setting.PLAIN_HANDOFF && !kernelsAlone(roles);
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

    /** One cell: is the bad outcome forbidden, what that rests on, and why. */
    public record Expectation(boolean forbidden, Guarantee basis, String reason) {
    }

    /**
     * A strategy's safety assessment for the whole protocol: known safe or not, why, and the
     * settings in which it is not safe even so (each with the shape and its reason).
     */
    public record Assessment(boolean safe, String reason, List<String> notSafeFor) {
        /** E.g. {@code the bad outcome of every shape ... is forbidden, resting on ...; not safe for ...}. */
        public String words() {
            return reason + (notSafeFor.isEmpty() ? "" : "; not safe for " + String.join("; ", notSafeFor));
        }
    }

    private static final String X86 = "; x86 (TSO) keeps this order in hardware, so only C2 can show it there";
    private static final String LINUX_PUSH = "Linux's push is smp_wmb() and a plain DIRTY store, which no Java rule pairs "
            + "with a load (C2 keeps stores on their side of the fence, and the CPUs do)";

    /**
     * Every strategy, by its constructor, in the order results list them: {@link Strategies} reads
     * this list and nothing else. It sits beside the rows because a strategy is known once its
     * cells say what it orders: a new one is its class, a line here, its rows below and its test.
     */
    static final List<Supplier<ResetStrategy>> STRATEGIES = List.of(
            Plain::new, Opaque::new, Volatile::new, AcquireLoad::new, FullFence::new, BatchedFence::new);

    private record Key(String who, Roles roles, Shape shape) {
    }

    private static final Map<Key, Expectation> TABLE = new java.util.HashMap<>();

    private static void cell(String who, Roles roles, Shape shape, Guarantee basis, String reason) {
        if (TABLE.put(new Key(who, roles, shape), new Expectation(basis != Guarantee.NONE, basis, reason)) != null) {
            throw new IllegalStateException("two cells for " + who + " " + roles + " " + shape);
        }
    }

    private static void all(String who, Shape shape, Guarantee basis, String reason) {
        cell(who, Roles.ALL, shape, basis, reason);
    }

    private static void overLinux(String who, Shape shape, Guarantee basis, String reason) {
        cell(who, Roles.USERSPACE, shape, basis, reason);
    }

    static {
        Guarantee none = Guarantee.NONE;
        Guarantee jls = Guarantee.JLS_HAPPENS_BEFORE;
        Guarantee vh = Guarantee.VARHANDLE;
        Guarantee hs = Guarantee.HOTSPOT;
        String l = LinuxKernel.NAME;

        Shape s = Shape.PUSH_HARVEST;
        all("plain", s, none, "plain accesses race: C2 may sink a payload store below the DIRTY store or hoist a payload "
                + "load above the flag load; arm64 reorders both" + X86);
        all("opaque", s, none, "opaque makes the flag access itself happen, coherently, but orders no other variable: the "
                + "plain payload accesses may move across it (arm64: plain str/ldr)" + X86);
        all("volatile", s, jls, "the volatile DIRTY store synchronizes-with the volatile load that sees it: the payload "
                + "stores happen-before the payload loads");
        all("acquire-load", s, vh, "store-release of DIRTY, load-acquire of the flag: the payload stores are ordered before "
                + "the payload loads");
        all("full-fence", s, vh, "a full fence between the payload stores and the plain DIRTY store, and between the flag "
                + "load and the payload loads");
        all("batched-fence", s, vh, "push is a batch of one (fence, plain DIRTY); the harvest fences once between the "
                + "batch's flag loads and its payload loads");
        overLinux("plain", s, none, "Linux's smp_wmb() orders the payload stores before DIRTY, but the plain flag load "
                + "orders no payload load after it (C2 may hoist them; arm64 reorders loads)" + X86);
        overLinux("opaque", s, none, "Linux's smp_wmb() orders the payload stores before DIRTY, but the opaque flag load "
                + "orders no payload load after it" + X86);
        for (String w : List.of("volatile", "acquire-load")) {
            overLinux(w, s, hs, "the " + (w.equals("volatile") ? "volatile" : "acquire") + " flag load keeps the payload "
                    + "loads after it; " + LINUX_PUSH);
        }
        for (String w : List.of("full-fence", "batched-fence")) {
            overLinux(w, s, hs, "a full fence after the flag loads keeps the payload loads after them; " + LINUX_PUSH);
        }

        s = Shape.HARVEST_REUSE;
        all("plain", s, none, "nothing orders the collector's payload load before its plain RESET store (a load-store "
                + "reordering: allowed to C2, and to arm64 hardware)" + X86);
        all("opaque", s, none, "an opaque RESET store does not order the plain payload load before it" + X86);
        all("volatile", s, jls, "volatile RESET store, volatile observe, volatile reset index: a happens-before chain from "
                + "the collector's payload load to the vCPU's reuse");
        all("acquire-load", s, vh, "the RESET store is a release (the payload load stays before it), the reset's observe an "
                + "acquire, the reset index a release/acquire pair");
        all("full-fence", s, vh, "a full fence before the RESET store, after the reset's flag load, before the reset index "
                + "store and after its load");
        all("batched-fence", s, vh, "one fence between the batch's payload loads and its RESET stores; the reset fences "
                + "after its flag loads and before the reset index");
        overLinux("plain", s, none, "nothing orders the collector's payload load before its plain RESET store" + X86);
        overLinux("opaque", s, none, "an opaque RESET store does not order the plain payload load before it" + X86);
        for (String w : List.of("volatile", "acquire-load", "full-fence", "batched-fence")) {
            overLinux(w, s, hs, "the collector's " + w + " RESET store keeps its payload load before it and Linux loads "
                    + "RESET with an acquire; but Linux's reset index is a plain store read with READ_ONCE, and only the "
                    + "vCPU's branch on it (a control dependency: kept by C2 and the CPUs, promised by no Java rule) keeps "
                    + "the reuse after");
        }

        s = Shape.RESET_REUSE;
        all("plain", s, none, "nothing orders the reset's payload loads before its plain reset-index store (load-store: C2 "
                + "and arm64 may reorder it), so the vCPU may refill the entry while it is read" + X86);
        all("opaque", s, none, "an opaque reset-index store does not order the plain payload loads before it" + X86);
        all("volatile", s, jls, "the payload loads come before the volatile reset-index store, which synchronizes-with the "
                + "vCPU's volatile load: the reads happen-before the refill");
        all("acquire-load", s, vh, "the reset index is a store-release after the payload loads, and the vCPU loads it with "
                + "an acquire before the refill");
        all("full-fence", s, vh, "a full fence before the reset-index store, and after the vCPU's load of it");
        all("batched-fence", s, vh, "the reset fences after its payload loads and again before the reset index; the vCPU "
                + "fences after loading it");
        overLinux(l, s, none, "Linux stores reset_index++ plainly after smp_store_release(flags = 0): the release keeps "
                + "the READ_ONCE payload loads before flags = 0, not before the index, so without the soft-limit margin "
                + "the vCPU could refill the entry while it is read; Linux relies on the 64-entry margin (the vCPU exits "
                + "before it can reach the entry being reset); arm64 allows this load-store reordering" + X86);

        s = Shape.LATE_INVALIDATE;
        all("plain", s, none, "plain flags = 0 and plain reset-index stores: C2 and arm64 may make the index visible first, "
                + "and the late flags = 0 then erases the next lap's DIRTY" + X86);
        all("opaque", s, none, "opaque stores to two variables (flags, the reset index) are not ordered with each other"
                + X86);
        all("volatile", s, jls, "volatile flags = 0 before the volatile reset index, read by a volatile load: flags = 0 "
                + "happens-before the new DIRTY, so it cannot land after it");
        all("acquire-load", s, vh, "the reset index is a store-release after flags = 0, loaded with an acquire before the "
                + "push");
        all("full-fence", s, vh, "a full fence before the reset-index store, and after the vCPU's load of it");
        all("batched-fence", s, vh, "a fence before the reset-index store, after every flags = 0 of the batch; the vCPU "
                + "fences after loading it");
        overLinux(l, s, none, "Linux's flags = 0 is a store-release, but the plain reset_index++ after it may become "
                + "visible first (a release orders what comes before it, not after); Linux relies on the soft-limit "
                + "margin, which lets the vCPU refill only entries reset 64 entries before the index it read; arm64 "
                + "allows this store-store reordering" + X86);

        s = Shape.CHAIN;
        all("plain", s, none, "plain accesses race at every link of the chain; C2 may reorder each, and arm64 too" + X86);
        all("opaque", s, none, "opaque orders no payload access: the reset's payload loads may move above its flag load"
                + X86);
        all("volatile", s, jls, "happens-before is transitive: payload stores, volatile DIRTY, volatile observe, volatile "
                + "RESET, volatile observe, payload loads");
        all("acquire-load", s, vh, "release/acquire pairs chain: the collector's release of RESET carries what its acquire "
                + "of DIRTY saw (arm64's ldar/stlr are multi-copy atomic)");
        all("full-fence", s, vh, "full fences are cumulative: one after each flag load and before each flag store");
        all("batched-fence", s, vh, "the same fences, a batch of one at each link");
        overLinux("plain", s, none, "the collector's plain DIRTY load and RESET store carry nothing from the vCPU to the "
                + "reset that any rule promises; C2 may reorder them" + X86);
        overLinux("opaque", s, none, "the collector's opaque DIRTY load and RESET store order nothing else: nothing "
                + "carries the payload from the vCPU to the reset" + X86);
        for (String w : List.of("volatile", "acquire-load", "full-fence", "batched-fence")) {
            overLinux(w, s, hs, "the collector's " + w + " observe and RESET pass on what it saw, and Linux loads RESET "
                    + "with an acquire; but " + LINUX_PUSH);
        }

        s = Shape.SHORT_RESET;
        all("plain", s, none, "the plain doorbell store may pass the plain RESET stores, and the flag loads may pass the "
                + "doorbell load" + X86);
        all("opaque", s, none, "opaque accesses to different variables (A, B, the doorbell) are not ordered with each other"
                + X86);
        all("volatile", s, jls, "the volatile doorbell store synchronizes-with the load that sees it, after both RESET "
                + "stores in program order");
        all("acquire-load", s, vh, "the doorbell store is a release after both RESET stores, its load an acquire before the "
                + "flag loads");
        all("full-fence", s, vh, "a full fence before each RESET store and before the doorbell store; one after the "
                + "doorbell load");
        all("batched-fence", s, vh, "the RESET stores inside one batch are unordered with each other, but the doorbell's "
                + "fence comes after all of them, and the reset fences after the doorbell load");

        s = Shape.PLAIN_DOORBELL;
        String handoff = ": no flag ordering can order a plain handoff (on arm64 the reset may see A and D RESET and not B "
                + "and C); userspace must order its own handoff, as short-reset does" + X86;
        all("plain", s, none, "plain RESET stores and a plain handoff may be reordered by C2 and arm64" + handoff);
        all("opaque", s, none, "opaque RESET stores order nothing else, the plain handoff least of all" + handoff);
        all("volatile", s, none, "a plain store after a volatile one may move before it, and a plain load before a "
                + "volatile one may move after it" + handoff);
        all("acquire-load", s, none, "a release orders what comes before it, so the plain handoff after the RESET releases "
                + "may pass them, and an acquire flag load lets the plain handoff load before it move after it" + handoff);
        all("full-fence", s, none, "the fences come before each RESET store and after each flag load: none between the last "
                + "RESET store and the handoff, none between the handoff load and the first flag load" + handoff);
        all("batched-fence", s, none, "the batch's fence comes before its RESET stores and none after them; the reset's "
                + "fence comes after its flag loads and none before" + handoff);
    }

    private Safety() {
    }

    /**
     * The cell for a strategy (or {@link LinuxKernel#NAME}), under roles, on a shape. A shape of the
     * kernel's side alone under userspace roles has the kernel's cell whatever the strategy.
     */
    public static Expectation expect(String strategy, Roles roles, Shape shape) {
        String who = shape.kernelsAlone(roles) ? LinuxKernel.NAME : strategy;
        Roles r = shape.roles().contains(roles) ? roles : Roles.ALL;
        Expectation e = TABLE.get(new Key(who, r, shape));
        return e == null ? new Expectation(false, Guarantee.NONE, "not a known strategy") : e;
    }

    /** The cell under roles all. */
    public static Expectation expect(String strategy, Shape shape) {
        return expect(strategy, Roles.ALL, shape);
    }

    /** {@link #of(String, Roles)} under roles all. */
    public static Assessment of(String strategy) {
        return of(strategy, Roles.ALL);
    }

    /**
     * Known safe means: every shape charged to the strategy that occurs in every VMM has its bad
     * outcome forbidden. Shapes of narrower settings (a reset on another CPU) whose bad outcome is
     * allowed, and the plain handoff no strategy can order, are listed as settings it is not safe
     * for; under userspace roles, so is what Linux's side relies on.
     */
    public static Assessment of(String strategy, Roles roles) {
        if (!Strategies.NAMES.contains(strategy)) {
            return new Assessment(false, "not a known strategy", List.of());
        }
        List<String> open = new ArrayList<>();
        Set<String> bases = new LinkedHashSet<>();
        List<String> notFor = new ArrayList<>();
        for (Shape s : Shape.values()) {
            Expectation e = expect(strategy, roles, s);
            if (!s.chargedToStrategy(roles)) {
                if (!e.forbidden()) {
                    notFor.add(s.setting() == Setting.PLAIN_HANDOFF
                            ? s.setting().words() + " (" + s.id() + ": no strategy orders a plain handoff; use the strategy's "
                            + "doorbell, as short-reset does)"
                            : "a kernel without Linux's soft-limit margin (" + s.id() + ": Linux's own accesses do not order it)");
                }
                continue;
            }
            if (e.forbidden()) {
                bases.add(e.basis().words());
            } else if (s.setting() == Setting.EVERY_VMM) {
                open.add(s.id());
            } else {
                notFor.add(s.setting().words() + " (" + s.id() + ": " + e.reason() + ")");
            }
        }
        if (!open.isEmpty()) {
            return new Assessment(false, "the bad outcome of " + String.join(", ", open) + " is allowed", notFor);
        }
        return new Assessment(true, "the bad outcome of every shape it is charged with is forbidden, resting on "
                + String.join(" and ", bases), notFor);
    }

    /** The whole table for readers that print it: strategy (or the kernel model) to roles to shape to cell. */
    public static Map<String, Map<Roles, Map<Shape, Expectation>>> table() {
        Map<String, Map<Roles, Map<Shape, Expectation>>> out = new TreeMap<>();
        for (Map.Entry<Key, Expectation> e : TABLE.entrySet()) {
            Key k = e.getKey();
            out.computeIfAbsent(k.who(), x -> new EnumMap<>(Roles.class))
                    .computeIfAbsent(k.roles(), x -> new EnumMap<>(Shape.class)).put(k.shape(), e.getValue());
        }
        return out;
    }
}
