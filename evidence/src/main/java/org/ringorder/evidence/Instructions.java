package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ringorder.strategy.OrderingPoint;
import org.ringorder.strategy.Safety;

/**
 * The reading of a run's asm part for pick: what C2 emitted for a strategy's observe-DIRTY and
 * mark-RESET points ({@link OrderingPoint#OBSERVE_DIRTY}, {@link OrderingPoint#MARK_RESET}), as
 * mnemonics; what the claimed strategy runs on each architecture the run's machine is not, read
 * through that architecture's table ({@link Isa}); and the emitted-ordering check's findings.
 */
public final class Instructions {
    /** The two points pick quotes, in this order: the harvest's load of the flags and its store of RESET. */
    static final List<OrderingPoint> QUOTED = List.of(OrderingPoint.OBSERVE_DIRTY, OrderingPoint.MARK_RESET);

    private Instructions() {
    }

    /**
     * Per architecture in the run's asm part, e.g. {@code [x86_64 mov | movl; aarch64 ldar | dmb+str]};
     * empty without one.
     */
    public static String of(Run run, String strategy) {
        Map<String, String[]> byColumn = new LinkedHashMap<>();
        for (AsmRecord r : run.asm()) {
            int at = quoted(r);
            if (at >= 0 && r.backend().equals("jvm") && r.strategy().equals(strategy)) {
                byColumn.computeIfAbsent(r.column(), k -> new String[QUOTED.size()])[at] = mnemonics(r.instructions());
            }
        }
        List<String> parts = new ArrayList<>();
        byColumn.forEach((column, p) -> parts.add(column + " " + p[0] + " | " + p[1]));
        return parts.isEmpty() ? "" : "[" + String.join("; ", parts) + "]";
    }

    /** A record's place in {@link #QUOTED}, or -1 for a point pick does not quote. */
    private static int quoted(AsmRecord r) {
        for (int i = 0; i < QUOTED.size(); i++) {
            if (QUOTED.get(i).method().equals(r.point())) {
                return i;
            }
        }
        return -1;
    }

    /** E.g. {@code dmb ishld+dmb ishst+str}, {@code fence rw,w+sw}: each mnemonic, with a barrier's option or sets and a lock's instruction. */
    static String mnemonics(List<String> instructions) {
        List<String> ops = new ArrayList<>();
        for (String x : instructions) {
            String[] w = x.split(" ");
            ops.add(w.length > 1 && WITH_OPERAND.contains(w[0]) ? w[0] + " " + w[1] : w[0]);
        }
        return ops.isEmpty() ? "-" : String.join("+", ops);
    }

    /** The mnemonics whose first operand says what they order: x86's lock (its instruction), aarch64's barriers, riscv64's fence. */
    private static final List<String> WITH_OPERAND = List.of("lock", "dmb", "dsb", "fence");

    /**
     * The seed's claim on every architecture the run's machine is not, from the instructions alone,
     * one line per C2 (JDK and setting) the run read: what the claimed strategy's observe DIRTY (a
     * load-acquire) and mark RESET (a release store, and what it costs in barriers) compile to, read
     * through the architecture's table ({@link Isa}), and what the emitted-ordering check found
     * there. Read under QEMU: instructions, no timing.
     */
    static List<String> claims(Run run, EmittedOrder check) {
        Map<String, AsmRecord[]> byColumn = new LinkedHashMap<>();
        for (AsmRecord r : run.asm()) {
            int at = quoted(r);
            if (at >= 0 && !r.arch().equals(run.arch()) && r.backend().equals("jvm") && r.strategy().equals(Pick.CLAIMED)
                    && Isa.of(r).isPresent()) {
                byColumn.computeIfAbsent(r.column(), k -> new AsmRecord[QUOTED.size()])[at] = r;
            }
        }
        List<String> lines = new ArrayList<>();
        byColumn.forEach((column, p) -> {
            if (p[0] == null || p[1] == null) {
                return;
            }
            Isa isa = Isa.of(p[0]).orElseThrow();
            List<EmittedOrder.Finding> weaker = check.of(Pick.CLAIMED, column);
            lines.add(Pick.CLAIMED + " on " + p[0].arch() + ", C2 of " + p[0].compiler() + ": observe DIRTY is "
                    + acquire(isa, p[0].instructions()) + "; mark RESET is " + release(isa, p[1].instructions())
                    + (weaker.isEmpty() ? "" : "; weaker than required at " + String.join(", ",
                    weaker.stream().map(f -> f.record().point() + " (" + f.missing() + ")").toList()))
                    + " [instructions from " + run.dir() + ", read under QEMU: no timing]");
        });
        return lines;
    }

    /** E.g. {@code a load-acquire (ldar)}, {@code a plain lw, then 1 barrier (fence r,rw)}, {@code a plain ldr}. */
    private static String acquire(Isa isa, List<String> code) {
        int load = firstAccess(isa, code);
        if (load < 0) {
            return mnemonics(code);
        }
        if (isa.effect(code.get(load)).acquire()) {
            return "a load-acquire (" + mnemonics(code) + ")";
        }
        List<String> after = barriers(isa, code.subList(load + 1, code.size()));
        return "a plain " + Isa.op(code.get(load)) + (after.isEmpty() ? "" : ", then " + barrierWords(after));
    }

    /** E.g. {@code a store-release (stlr)}, {@code 2 barriers (dmb ishst, dmb ishld) before a plain str}, {@code a plain sw}. */
    private static String release(Isa isa, List<String> code) {
        int store = firstAccess(isa, code);
        if (store < 0) {
            return mnemonics(code);
        }
        if (isa.effect(code.get(store)).release()) {
            return "a store-release (" + mnemonics(code) + ")";
        }
        List<String> before = barriers(isa, code.subList(0, store));
        return before.isEmpty() ? "a plain " + Isa.op(code.get(store)) : barrierWords(before) + " before a plain " + Isa.op(code.get(store));
    }

    private static int firstAccess(Isa isa, List<String> code) {
        for (int i = 0; i < code.size(); i++) {
            if (isa.effect(code.get(i)).access()) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> barriers(Isa isa, List<String> code) {
        return code.stream().filter(x -> !isa.effect(x).access() && !isa.effect(x).fence().isEmpty()).toList();
    }

    /** E.g. {@code 1 barrier (dmb ish)}. */
    private static String barrierWords(List<String> barriers) {
        return barriers.size() + " barrier" + (barriers.size() > 1 ? "s" : "") + " (" + String.join(", ", barriers) + ")";
    }

    /**
     * The check's findings that qualify "known safe", as pick's warnings: per strategy the safety
     * table calls known safe, one line naming the columns and the points where its code is weaker
     * (the orders each misses: {@code ringorder asm}'s lines and the report's instruction section),
     * then what the check could not read. Plain's and opaque's findings (weaker wherever the
     * architecture is, as their safety cells say) are left to {@code ringorder asm} and the report.
     */
    static List<String> weaker(Run run, EmittedOrder check) {
        List<String> lines = new ArrayList<>();
        for (String strategy : check.findings().stream().map(f -> f.record().strategy()).distinct().toList()) {
            if (!Safety.of(strategy).safe()) {
                continue;
            }
            Map<String, List<String>> columnsByPoints = new LinkedHashMap<>();
            check.weakerByColumn(strategy).forEach((column, at) -> columnsByPoints.computeIfAbsent(String.join(", ",
                    at.stream().map(x -> x.substring(0, x.indexOf(' '))).toList()), k -> new ArrayList<>()).add(column));
            columnsByPoints.forEach((points, columns) -> lines.add(run.label() + ": emitted code weaker than required: " + strategy
                    + " on " + String.join(", ", columns) + " at " + points + " (the orders each misses: ringorder asm, or the "
                    + "report's instructions)"));
        }
        check.unchecked().forEach(u -> lines.add(run.label() + ": " + u));
        return lines;
    }
}
