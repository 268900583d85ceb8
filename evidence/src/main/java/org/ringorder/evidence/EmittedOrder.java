package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.ringorder.strategy.Mode;
import org.ringorder.strategy.Modes;
import org.ringorder.strategy.Order;
import org.ringorder.strategy.OrderingPoint;
import org.ringorder.strategy.ProtocolNeeds;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Strategies;

/**
 * The asm part's instructions checked against what they must order, for every architecture with a
 * table ({@link Isa}), every compiler (C2 per JDK and setting, gcc), strategy and ordering point,
 * at two levels:
 * <ul>
 * <li>the mode: what the point emitted against what its declared access modes and fences promise
 * ({@link org.ringorder.strategy.DeclaresModes#modes()}, {@link Mode}): catches a compiler that emits less than the
 * specification asks;</li>
 * <li>the protocol: what the point's code orders against what the ring needs there
 * ({@link ProtocolNeeds}); a two-phase strategy's flag point with the batch point that runs between
 * it and the accesses it must be ordered with.</li>
 * </ul>
 * Each weaker point is a {@link Finding}, one line naming the column, the point and the order missing.
 */
public record EmittedOrder(List<Finding> findings, List<String> unchecked) {
    public enum Level {
        MODE, PROTOCOL
    }

    /** One order a point's emitted code does not keep. */
    public record Finding(AsmRecord record, Level level, String promise, String missing, List<String> code) {
        /** E.g. {@code aarch64 C2 JDK 17 default: plain observeDirty (ldr w0, [x1]) is weaker than the protocol needs (e2): ...}. */
        public String line() {
            return record.column() + ": " + record.strategy() + " " + record.point() + " (" + String.join("; ", code)
                    + ") is weaker than " + promise + ": it does not order " + missing;
        }

        /** E.g. {@code markReset on aarch64 C2 JDK 17 default (e3: ...)}: the short form pick and the report qualify "known safe" with. */
        public String briefly() {
            return record.point() + " on " + record.column() + " (" + missing + ")";
        }
    }

    public static EmittedOrder of(List<AsmRecord> asm) {
        List<Finding> findings = new ArrayList<>();
        Set<String> unchecked = new LinkedHashSet<>();
        Map<String, Map<String, AsmRecord>> groups = new LinkedHashMap<>();
        for (AsmRecord r : asm) {
            groups.computeIfAbsent(r.column() + "\u0000" + r.strategy(), k -> new LinkedHashMap<>()).put(r.point(), r);
        }
        for (Map<String, AsmRecord> group : groups.values()) {
            AsmRecord first = group.values().iterator().next();
            Optional<Isa> isa = Isa.of(first);
            Optional<ResetStrategy> strategy = strategy(first.strategy());
            if (isa.isEmpty()) {
                unchecked.add(first.arch() + ": no instruction table: its code is not checked");
            } else if (strategy.isEmpty()) {
                unchecked.add(first.strategy() + ": not a strategy of this build: its code is not checked");
            } else {
                for (AsmRecord r : group.values()) {
                    findings.addAll(check(isa.get(), strategy.get(), r, group));
                }
            }
        }
        return new EmittedOrder(List.copyOf(findings), List.copyOf(unchecked));
    }

    /** A strategy's findings in one column, e.g. {@code aarch64 C2 JDK 17 default}. */
    public List<Finding> of(String strategy, String column) {
        return findings.stream().filter(f -> f.record().strategy().equals(strategy) && f.record().column().equals(column)).toList();
    }

    /** A strategy's findings anywhere. */
    public List<Finding> of(String strategy) {
        return findings.stream().filter(f -> f.record().strategy().equals(strategy)).toList();
    }

    /**
     * Where a strategy's code is weaker: column to its points, each once with every order it misses,
     * e.g. {@code markReset (earlier stores before the RESET store)}.
     */
    public Map<String, List<String>> weakerByColumn(String strategy) {
        Map<String, Map<String, List<String>>> byPoint = new LinkedHashMap<>();
        for (Finding f : of(strategy)) {
            List<String> misses = byPoint.computeIfAbsent(f.record().column(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(f.record().point(), k -> new ArrayList<>());
            if (!misses.contains(f.missing())) {
                misses.add(f.missing());
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        byPoint.forEach((column, points) -> points.forEach((point, misses) -> out.computeIfAbsent(column, k -> new ArrayList<>())
                .add(point + " (" + String.join("; ", misses) + ")")));
        return out;
    }

    /** A strategy's "known safe" qualified by the check, e.g. {@code ; not known safe on aarch64 C2 JDK 17 default, whose code is weaker at ...}. */
    public String notKnownSafeWhere(String strategy) {
        return notKnownSafeWhere(weakerByColumn(strategy));
    }

    /** The same words for findings gathered from several runs; empty where there are none. */
    public static String notKnownSafeWhere(Map<String, List<String>> weakerByColumn) {
        StringBuilder sb = new StringBuilder();
        weakerByColumn.forEach((column, at) -> sb.append("; not known safe on ").append(column).append(", whose code is weaker at ")
                .append(String.join(", ", at)));
        return sb.toString();
    }

    /**
     * One line per weaker point and level, with every order it misses, the columns whose code is
     * the same and misses the same named together; then what was left unchecked; one line saying
     * so where nothing is weaker.
     */
    public List<String> lines() {
        List<String> out = grouped(findings);
        out.addAll(unchecked);
        if (findings.isEmpty()) {
            out.add(0, "every checked point's code orders what its access modes promise and what the protocol needs there");
        }
        return out;
    }

    /** The findings that {@code which} keeps, grouped as {@link #lines()} groups them. */
    public List<String> lines(Predicate<Finding> which) {
        return grouped(findings.stream().filter(which).toList());
    }

    /** One line per weaker point and level with every order it misses; columns whose code and misses are the same, together. */
    private static List<String> grouped(List<Finding> findings) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Map<String, String> column = new LinkedHashMap<>();
        for (Finding f : findings) {
            String at = f.record().column() + "\u0000" + f.record().strategy() + " " + f.record().point() + " ("
                    + String.join("; ", f.code()) + ") is weaker than " + f.promise();
            missing.computeIfAbsent(at, k -> new ArrayList<>()).add(f.missing());
            column.put(at, f.record().column());
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        missing.forEach((at, orders) -> columns.computeIfAbsent(at.substring(at.indexOf('\u0000') + 1) + ": it does not order "
                + String.join("; ", orders), k -> new ArrayList<>()).add(column.get(at)));
        List<String> out = new ArrayList<>();
        columns.forEach((what, cols) -> out.add(String.join(", ", cols) + ": " + what));
        return out;
    }

    private static Optional<ResetStrategy> strategy(String name) {
        return Strategies.NAMES.contains(name) ? Optional.of(Strategies.byName(name)) : Optional.empty();
    }

    private static List<Finding> check(Isa isa, ResetStrategy s, AsmRecord r, Map<String, AsmRecord> group) {
        OrderingPoint point;
        try {
            point = OrderingPoint.byMethod(r.point());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        Modes modes = s.modes();
        Optional<List<Mode>> declared = modes.at(point);
        if (declared.isPresent()) {
            String promise = Modes.words(declared.get());
            for (Order o : Modes.promised(declared.get())) {
                List<List<String>> tails = o.later() == Order.End.LATER_VOLATILE_LOADS ? volatileLoads(modes, group) : List.of(List.of());
                for (List<String> tail : tails) {
                    if (!ThreadOrder.keeps(isa, r.instructions(), 0, r.instructions().size(), o, tail)) {
                        out.add(new Finding(r, Level.MODE, promise, o.words(point.noun()), r.instructions()));
                        break;
                    }
                }
            }
        }
        Optional<AsmRecord> batch = s.twoPhase() ? ProtocolNeeds.batchBetween(point).map(b -> group.get(b.method())) : Optional.empty();
        List<String> code = new ArrayList<>();
        int from = 0;
        if (batch.isPresent() && batch.get().point().equals(OrderingPoint.BEFORE_BATCH_PUBLISH.method())) {
            code.addAll(batch.get().instructions());
            from = code.size();
        }
        code.addAll(r.instructions());
        int to = code.size();
        if (batch.isPresent() && batch.get().point().equals(OrderingPoint.AFTER_BATCH_OBSERVE.method())) {
            code.addAll(batch.get().instructions());
        }
        List<String> shown = batch.isEmpty() ? r.instructions() : shown(r, batch.get(), from > 0);
        for (ProtocolNeeds.Need n : ProtocolNeeds.at(point)) {
            if (!ThreadOrder.keeps(isa, code, from, to, n.order(), List.of())) {
                out.add(new Finding(r, Level.PROTOCOL, "the protocol needs (" + n.edge() + ")",
                        n.order(point), shown));
            }
        }
        return out;
    }

    /** The code of each of the strategy's volatile load points in this column: what a volatile store must come before. */
    private static List<List<String>> volatileLoads(Modes modes, Map<String, AsmRecord> group) {
        List<List<String>> out = new ArrayList<>();
        for (AsmRecord r : group.values()) {
            try {
                if (modes.uses(OrderingPoint.byMethod(r.point()), Mode.VOLATILE_LOAD)) {
                    out.add(r.instructions());
                }
            } catch (IllegalArgumentException e) {
                // a point this build does not know orders nothing here
            }
        }
        return out;
    }

    /** A composed point's code as the finding shows it: the batch point's, named, on its side. */
    private static List<String> shown(AsmRecord r, AsmRecord batch, boolean before) {
        String b = batch.point() + ": " + (batch.instructions().isEmpty() ? "-" : String.join("; ", batch.instructions()));
        List<String> out = new ArrayList<>();
        if (before) {
            out.add(b + ", then");
        }
        out.addAll(r.instructions());
        if (!before) {
            out.add("then " + b);
        }
        return out;
    }
}
