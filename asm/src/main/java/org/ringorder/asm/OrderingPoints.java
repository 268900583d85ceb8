package org.ringorder.asm;

import java.util.List;
import org.ringorder.memory.HeapGfns;
import org.ringorder.memory.PaddedIndex;
import org.ringorder.memory.SharedIndex;
import org.ringorder.strategy.OrderingPoint;
import org.ringorder.strategy.ResetStrategy;
import org.ringorder.strategy.Strategies;

/**
 * Each ordering point of one strategy as a method of its own, for {@code ringorder asm}: run with
 * {@code -Dringorder.strategy=NAME}, the points kept out of line ({@code dontinline}) and printed
 * ({@code print}) by CompileCommand, it calls every point until C2 has compiled it. The strategy
 * sits in a {@code static final}, so C2 inlines its access modes into each point exactly as into
 * the ring's loops, and each point's code is that strategy's instructions for that point alone.
 * Each method is named after its {@link OrderingPoint#method()}: that name is how C2's output is read.
 */
public final class OrderingPoints {
    static final ResetStrategy S = Strategies.byName(System.getProperty("ringorder.strategy", "acquire-load"));
    static final HeapGfns G = new HeapGfns(1);

    private OrderingPoints() {
    }

    /**
     * The points compiled alone, in protocol order: what {@code ringorder asm} prints. The payload
     * loads and the dirty-index load are left out: the flags' and indexes' orderings decide.
     */
    public static final List<OrderingPoint> POINTS = List.of(OrderingPoint.PUBLISH_DIRTY, OrderingPoint.OBSERVE_DIRTY,
            OrderingPoint.MARK_RESET, OrderingPoint.OBSERVE_RESET, OrderingPoint.INVALIDATE, OrderingPoint.PUBLISH_RESET_INDEX,
            OrderingPoint.OBSERVE_RESET_INDEX, OrderingPoint.RING_DOORBELL, OrderingPoint.OBSERVE_DOORBELL,
            OrderingPoint.AFTER_BATCH_OBSERVE, OrderingPoint.BEFORE_BATCH_PUBLISH);

    static void publishDirty(int[] m, int i) {
        S.publishDirty(G, m, i);
    }

    static int observeDirty(int[] m, int i) {
        return S.observeDirty(G, m, i);
    }

    static void markReset(int[] m, int i) {
        S.markReset(G, m, i);
    }

    static int observeReset(int[] m, int i) {
        return S.observeReset(G, m, i);
    }

    static void invalidate(int[] m, int i) {
        S.invalidate(G, m, i);
    }

    static void publishResetIndex(SharedIndex r, int v) {
        S.publishResetIndex(r, v);
    }

    static int observeResetIndex(SharedIndex r) {
        return S.observeResetIndex(r);
    }

    static void ringDoorbell(SharedIndex d, int v) {
        S.ringDoorbell(d, v);
    }

    static int observeDoorbell(SharedIndex d) {
        return S.observeDoorbell(d);
    }

    static void afterBatchObserve() {
        S.afterBatchObserve();
    }

    static void beforeBatchPublish() {
        S.beforeBatchPublish();
    }

    /** Calls every point often enough for C2 (run with -Xbatch -XX:-TieredCompilation); prints a checksum. */
    public static void main(String[] args) {
        int[] m = new int[4 * 16];
        SharedIndex r = new PaddedIndex();
        int sum = 0;
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        for (int k = 0; k < calls; k++) {
            int i = k & 15;
            publishDirty(m, i);
            sum += observeDirty(m, i);
            markReset(m, i);
            sum += observeReset(m, i);
            invalidate(m, i);
            publishResetIndex(r, k);
            sum += observeResetIndex(r);
            ringDoorbell(r, k);
            sum += observeDoorbell(r);
            afterBatchObserve();
            beforeBatchPublish();
        }
        System.out.println(S.name() + " " + sum);
    }
}
