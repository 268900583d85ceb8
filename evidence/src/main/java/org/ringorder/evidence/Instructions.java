package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ringorder.strategy.OrderingPoint;

/**
 * The reading of a run's asm part for pick: what C2 emitted for a strategy's observe-DIRTY and
 * mark-RESET points ({@link OrderingPoint#OBSERVE_DIRTY}, {@link OrderingPoint#MARK_RESET}), as
 * mnemonics, and what the claimed strategy runs on arm64.
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

    /** E.g. {@code dmb ishld+dmb ishst+str}: each instruction's mnemonic, with a barrier's option and a lock's instruction. */
    static String mnemonics(List<String> instructions) {
        List<String> ops = new ArrayList<>();
        for (String x : instructions) {
            String[] w = x.split(" ");
            ops.add(w.length > 1 && (w[0].equals("lock") || w[0].equals("dmb") || w[0].equals("dsb")) ? w[0] + " " + w[1] : w[0]);
        }
        return ops.isEmpty() ? "-" : String.join("+", ops);
    }

    /**
     * The seed's claim on arm64 from the instructions alone, one line per C2 (JDK and setting)
     * a run read: what the claimed strategy's observe DIRTY (a load-acquire) and mark RESET (a
     * release store, and what it costs in barriers) compile to. Read under QEMU: instructions, no timing.
     */
    static List<String> arm64Claims(Run run) {
        Map<String, AsmRecord[]> byColumn = new LinkedHashMap<>();
        for (AsmRecord r : run.asm()) {
            int at = quoted(r);
            if (at >= 0 && r.arch().equals("aarch64") && r.backend().equals("jvm") && r.strategy().equals(Pick.CLAIMED)) {
                byColumn.computeIfAbsent(r.column(), k -> new AsmRecord[QUOTED.size()])[at] = r;
            }
        }
        List<String> lines = new ArrayList<>();
        byColumn.forEach((column, p) -> {
            if (p[0] == null || p[1] == null) {
                return;
            }
            List<String> barriers = p[1].instructions().stream().filter(x -> x.startsWith("dmb")).toList();
            String release = p[1].instructions().stream().anyMatch(x -> x.startsWith("stlr")) ? "a store-release (stlr)"
                    : barriers.isEmpty() ? "a plain store" : barriers.size() + " barrier" + (barriers.size() > 1 ? "s" : "") + " ("
                    + String.join(", ", barriers) + ") before a plain str";
            String acquire = p[0].instructions().stream().anyMatch(x -> x.startsWith("ldar") || x.startsWith("ldapr"))
                    ? "a load-acquire (" + mnemonics(p[0].instructions()) + ")" : mnemonics(p[0].instructions());
            lines.add(Pick.CLAIMED + " on aarch64, C2 of " + p[0].compiler() + ": observe DIRTY is " + acquire + "; mark RESET is "
                    + release + " [instructions from " + run.dir() + ", read under QEMU: no timing]");
        });
        return lines;
    }
}
