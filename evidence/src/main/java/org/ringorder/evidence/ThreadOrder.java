package org.ringorder.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ringorder.strategy.Order;
import org.ringorder.strategy.Order.End;
import org.ringorder.strategy.Order.Pair;

/**
 * Whether one thread's instructions keep an {@link Order}, by an architecture's table: the point's
 * code between a plain access of the thread before it and one after it (or, for a volatile store's
 * order, the code of the later volatile load). Two accesses are ordered when the earlier is an
 * acquire, the later a release, both are RCsc, or a fence between them orders their kinds; and
 * through any chain of such orders. This is each thread's own order: what it is worth across
 * threads is said in docs/2026-12-05-emitted-ordering.md.
 */
final class ThreadOrder {
    private final List<Effect> events = new ArrayList<>();
    private final List<Integer> earlier = new ArrayList<>();
    private final List<Integer> later = new ArrayList<>();
    private final boolean rmwIsOneOperation;

    private ThreadOrder(boolean rmwIsOneOperation) {
        this.rmwIsOneOperation = rmwIsOneOperation;
    }

    /**
     * Whether {@code code} keeps {@code order}, its access being the accesses of {@code code} from
     * {@code accessFrom} to {@code accessTo} (a composed point's own, not its batch point's);
     * {@code volatileLoad} is the later volatile load's code, for {@link End#LATER_VOLATILE_LOADS}.
     */
    static boolean keeps(Isa isa, List<String> code, int accessFrom, int accessTo, Order order, List<String> volatileLoad) {
        ThreadOrder t = new ThreadOrder(isa.rmwIsOneOperation());
        t.end(isa, order.earlier(), true);
        for (int i = 0; i < code.size(); i++) {
            Effect e = isa.effect(code.get(i));
            boolean access = e.access() && i >= accessFrom && i < accessTo;
            t.add(e, access && order.earlier() == End.ACCESS, access && order.later() == End.ACCESS);
        }
        if (order.later() == End.LATER_VOLATILE_LOADS) {
            volatileLoad.forEach(x -> {
                Effect e = isa.effect(x);
                t.add(e, false, e.access());
            });
        } else {
            t.end(isa, order.later(), false);
        }
        return t.kept();
    }

    /** The thread's plain load or store before or after the point, for an end that is not the access itself. */
    private void end(Isa isa, End end, boolean isEarlier) {
        switch (end) {
            case EARLIER_LOADS, LATER_LOADS -> add(isa.effect(isa.plainLoad()), isEarlier, !isEarlier);
            case EARLIER_STORES, LATER_STORES -> add(isa.effect(isa.plainStore()), isEarlier, !isEarlier);
            default -> {
            }
        }
    }

    private void add(Effect e, boolean isEarlier, boolean isLater) {
        if (isEarlier) {
            earlier.add(events.size());
        }
        if (isLater) {
            later.add(events.size());
        }
        events.add(e);
    }

    /** Every earlier end before every later end; vacuous where the code has no access to order. */
    private boolean kept() {
        boolean[][] ordered = closure();
        for (int e : earlier) {
            for (int l : later) {
                if (e >= l || !ordered[e][l]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Ordered-before between the accesses, direct, then through chains. */
    private boolean[][] closure() {
        int n = events.size();
        boolean[][] o = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                o[i][j] = events.get(i).access() && events.get(j).access() && direct(i, j);
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    o[i][j] |= o[i][k] && o[k][j];
                }
            }
        }
        return o;
    }

    private boolean direct(int i, int j) {
        Effect x = events.get(i);
        Effect y = events.get(j);
        if (x.acquire() || y.release() || x.rcsc() && y.rcsc() && x.release() && y.acquire()) {
            return true;
        }
        for (int k = i + 1; k < j; k++) {
            if (orders(events.get(k), x, y)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a fence between them orders every kind of access {@code x} makes before every kind
     * {@code y} makes; where a read-modify-write is one operation, any of its kinds will do.
     */
    private boolean orders(Effect fence, Effect x, Effect y) {
        if (fence.fence().isEmpty()) {
            return false;
        }
        boolean xOne = rmwIsOneOperation && x.loads() && x.stores();
        boolean yOne = rmwIsOneOperation && y.loads() && y.stores();
        Predicate<Boolean> ordersKind = xl -> yOne ? kinds(y).stream().anyMatch(yl -> fence.fence().contains(Pair.of(xl, yl)))
                : kinds(y).stream().allMatch(yl -> fence.fence().contains(Pair.of(xl, yl)));
        return xOne ? kinds(x).stream().anyMatch(ordersKind) : kinds(x).stream().allMatch(ordersKind);
    }

    /** The kinds an access makes: true for its load, false for its store. */
    private static List<Boolean> kinds(Effect e) {
        List<Boolean> k = new ArrayList<>();
        if (e.loads()) {
            k.add(true);
        }
        if (e.stores()) {
            k.add(false);
        }
        return k;
    }
}
