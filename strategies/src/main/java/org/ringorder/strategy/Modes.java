package org.ringorder.strategy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ringorder.strategy.Order.End;
import org.ringorder.strategy.Order.Pair;

/**
 * A side's access modes and fences at each ordering point, in program order: what its code does,
 * declared once beside it ({@link DeclaresModes#modes()}) so the asm part can check what a compiler
 * emitted against what those modes promise. {@code ModesTest} reads each shipped strategy's
 * bytecode and fails where a declaration and the code disagree.
 */
public record Modes(Map<OrderingPoint, List<Mode>> byPoint) {
    /** A side that declares nothing: the asm part checks only what the protocol needs. */
    public static final Modes UNDECLARED = new Modes(Map.of());

    public Modes {
        byPoint = Map.copyOf(byPoint);
    }

    /**
     * One mode for every flag and index load, one for every flag and index store; the payload loads
     * and the dirty-index load plain (the sides' defaults), the batch points no order.
     */
    public static Modes of(Mode load, Mode store) {
        Map<OrderingPoint, List<Mode>> m = new EnumMap<>(OrderingPoint.class);
        for (OrderingPoint p : OrderingPoint.values()) {
            m.put(p, switch (p.access()) {
                case LOAD -> List.of(PAYLOAD.contains(p) ? Mode.PLAIN_LOAD : load);
                case STORE -> List.of(store);
                case NONE -> List.of();
            });
        }
        return new Modes(m);
    }

    /** Plain accesses, {@code fence} after every flag and index load and before every flag and index store. */
    public static Modes fenced(Mode fence) {
        Modes plain = of(Mode.PLAIN_LOAD, Mode.PLAIN_STORE);
        Map<OrderingPoint, List<Mode>> m = new EnumMap<>(plain.byPoint());
        for (OrderingPoint p : OrderingPoint.values()) {
            if (!PAYLOAD.contains(p) && p.access() != OrderingPoint.Access.NONE) {
                m.put(p, p.access() == OrderingPoint.Access.LOAD ? List.of(Mode.PLAIN_LOAD, fence) : List.of(fence, Mode.PLAIN_STORE));
            }
        }
        return new Modes(m);
    }

    /** The same, with {@code point} doing {@code modes} in this order. */
    public Modes with(OrderingPoint point, Mode... modes) {
        Map<OrderingPoint, List<Mode>> m = new EnumMap<>(OrderingPoint.class);
        m.putAll(byPoint);
        m.put(point, List.of(modes));
        return new Modes(m);
    }

    /** The loads that are no flag or index: the payload, and the vCPU's read of its own dirty index. */
    private static final Set<OrderingPoint> PAYLOAD = Set.of(OrderingPoint.RESET_SLOT, OrderingPoint.RESET_OFFSET,
            OrderingPoint.OBSERVE_DIRTY_INDEX);

    public boolean declared() {
        return !byPoint.isEmpty();
    }

    /** The modes at a point, in program order; empty where the side declares none. */
    public Optional<List<Mode>> at(OrderingPoint point) {
        return Optional.ofNullable(byPoint.get(point));
    }

    /** Whether any of the point's modes is {@code mode}. */
    public boolean uses(OrderingPoint point, Mode mode) {
        return at(point).map(l -> l.contains(mode)).orElse(false);
    }

    /**
     * What the modes at a point promise together, as orders: each access mode's own, and each
     * fence's pairs between what comes before it (the thread's earlier accesses, and the point's
     * access where it precedes the fence) and what comes after it.
     */
    public static Set<Order> promised(List<Mode> modes) {
        Set<Order> out = new LinkedHashSet<>();
        int access = -1;
        for (int k = 0; k < modes.size(); k++) {
            if (!modes.get(k).fence()) {
                access = k;
            }
        }
        for (int k = 0; k < modes.size(); k++) {
            Mode m = modes.get(k);
            out.addAll(m.orders());
            for (Pair pair : m.pairs()) {
                for (End e : ends(modes, access, k, pair.afterLoads(), true)) {
                    for (End l : ends(modes, access, k, pair.beforeLoads(), false)) {
                        out.add(new Order(e, l));
                    }
                }
            }
        }
        return out;
    }

    /** The ends of one kind on one side of the fence at {@code fence}: the thread's, and the point's access if it is there. */
    private static List<End> ends(List<Mode> modes, int access, int fence, boolean loads, boolean earlier) {
        List<End> out = new ArrayList<>(List.of(earlier ? loads ? End.EARLIER_LOADS : End.EARLIER_STORES
                : loads ? End.LATER_LOADS : End.LATER_STORES));
        if (access >= 0 && (earlier ? access < fence : access > fence)
                && modes.get(access).access() == (loads ? OrderingPoint.Access.LOAD : OrderingPoint.Access.STORE)) {
            out.add(End.ACCESS);
        }
        return out;
    }

    /** E.g. {@code fullFence+set}. */
    public static String words(List<Mode> modes) {
        return modes.isEmpty() ? "no order" : String.join("+", modes.stream().map(Mode::words).toList());
    }
}
