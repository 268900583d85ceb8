package org.ringorder.strategy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ringorder.strategy.Order.End;

/**
 * What the ring protocol needs each ordering point's code to order, whatever the strategy: the
 * edges e1..e6 of the protocol (push, harvest, reset, reuse) and the doorbell's handoff, as
 * {@link Order}s between the point's access and the thread's accesses around it. The asm part
 * checks each point's emitted code against these; a strategy whose code keeps them there is safe
 * on that machine as far as each thread's own order goes.
 *
 * <p>A two-phase side ({@link Batching#twoPhase()}) orders a batch once: its flag loads, then
 * {@link OrderingPoint#AFTER_BATCH_OBSERVE}, the payload, then
 * {@link OrderingPoint#BEFORE_BATCH_PUBLISH}, then its flag stores ({@code Reaper.harvestInBatch},
 * {@code DirtyRing.resetInBatches}). There a flag point's need is checked on its code followed by, or
 * preceded by, that batch point's: {@link #batchBetween}.
 */
public final class ProtocolNeeds {
    /** One order the protocol needs at a point: its edge, the order, and what the other end is in the protocol's words. */
    public record Need(String edge, Order order, String other) {
        /** E.g. {@code e3: the slot and offset loads before the RESET store}. */
        public String words(OrderingPoint point) {
            return edge + ": " + order(point);
        }

        /** The order alone, e.g. {@code the slot and offset loads before the RESET store}. */
        public String order(OrderingPoint point) {
            String before = order.earlier() == End.ACCESS ? point.noun() : other;
            String after = order.later() == End.ACCESS ? point.noun() : other;
            return before + " before " + after;
        }
    }

    private static final String PAYLOAD_LOADS = "the slot and offset loads";

    private static final Map<OrderingPoint, List<Need>> NEEDS = Map.of(
            OrderingPoint.PUBLISH_DIRTY, List.of(
                    new Need("e1", new Order(End.EARLIER_STORES, End.ACCESS), "the slot and offset stores")),
            OrderingPoint.OBSERVE_DIRTY, List.of(
                    new Need("e2", new Order(End.ACCESS, End.LATER_LOADS), PAYLOAD_LOADS),
                    // the RESET store answers the DIRTY this load saw; it follows from e2 and e3 together, but is
                    // checked here too so that a point that keeps e3 alone still shows its missing half
                    new Need("e2", new Order(End.ACCESS, End.LATER_STORES), "the RESET store")),
            OrderingPoint.MARK_RESET, List.of(
                    new Need("e3", new Order(End.EARLIER_LOADS, End.ACCESS), PAYLOAD_LOADS)),
            OrderingPoint.OBSERVE_RESET, List.of(
                    new Need("e4", new Order(End.ACCESS, End.LATER_LOADS), PAYLOAD_LOADS),
                    new Need("e4", new Order(End.ACCESS, End.LATER_STORES), "the flags = 0 store")),
            OrderingPoint.INVALIDATE, List.of(
                    new Need("e5", new Order(End.EARLIER_LOADS, End.ACCESS), PAYLOAD_LOADS)),
            OrderingPoint.PUBLISH_RESET_INDEX, List.of(
                    new Need("e6", new Order(End.EARLIER_STORES, End.ACCESS), "the flags = 0 stores"),
                    new Need("e6", new Order(End.EARLIER_LOADS, End.ACCESS), PAYLOAD_LOADS)),
            OrderingPoint.OBSERVE_RESET_INDEX, List.of(
                    new Need("e6", new Order(End.ACCESS, End.LATER_STORES), "the vCPU's next payload and DIRTY stores")),
            // the doorbell hands the RESET marks to a reset on another CPU (the short-reset shape)
            OrderingPoint.RING_DOORBELL, List.of(
                    new Need("doorbell", new Order(End.EARLIER_STORES, End.ACCESS), "the RESET stores")),
            OrderingPoint.OBSERVE_DOORBELL, List.of(
                    new Need("doorbell", new Order(End.ACCESS, End.LATER_LOADS), "the reset's flag loads")));

    private ProtocolNeeds() {
    }

    /**
     * What the protocol needs at a point: none for the batch points (their order is checked inside
     * the flag points they serve), the payload loads (ordered by the flag loads before them) and the
     * vCPU's read of its own dirty index (no other writer).
     */
    public static List<Need> at(OrderingPoint point) {
        return NEEDS.getOrDefault(point, List.of());
    }

    /**
     * The batch point a two-phase side runs between this point and the accesses its needs name:
     * after the flag loads, before the flag stores; none for the points a batch does not surround.
     */
    public static Optional<OrderingPoint> batchBetween(OrderingPoint point) {
        return switch (point) {
            case OBSERVE_DIRTY, OBSERVE_RESET -> Optional.of(OrderingPoint.AFTER_BATCH_OBSERVE);
            case MARK_RESET, INVALIDATE -> Optional.of(OrderingPoint.BEFORE_BATCH_PUBLISH);
            default -> Optional.empty();
        };
    }
}
