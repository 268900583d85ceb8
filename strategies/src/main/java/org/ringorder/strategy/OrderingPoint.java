package org.ringorder.strategy;

/**
 * Every ordering point of the protocol: a method of {@link KernelSide}, {@link UserspaceSide} or
 * {@link Batching}, in protocol order. Its {@link #method()} is the name the asm part compiles
 * and records ({@code asm.json}'s {@code point}), so renaming an interface method fails
 * {@code OrderingPointTest} instead of silently emptying the instruction evidence.
 */
public enum OrderingPoint implements Flag {
    PUBLISH_DIRTY("publishDirty", Side.KERNEL),
    OBSERVE_DIRTY("observeDirty", Side.USERSPACE),
    MARK_RESET("markReset", Side.USERSPACE),
    OBSERVE_RESET("observeReset", Side.KERNEL),
    RESET_SLOT("resetSlot", Side.KERNEL),
    RESET_OFFSET("resetOffset", Side.KERNEL),
    INVALIDATE("invalidate", Side.KERNEL),
    PUBLISH_RESET_INDEX("publishResetIndex", Side.KERNEL),
    OBSERVE_RESET_INDEX("observeResetIndex", Side.KERNEL),
    OBSERVE_DIRTY_INDEX("observeDirtyIndex", Side.KERNEL),
    RING_DOORBELL("ringDoorbell", Side.USERSPACE),
    OBSERVE_DOORBELL("observeDoorbell", Side.USERSPACE),
    AFTER_BATCH_OBSERVE("afterBatchObserve", Side.BATCH),
    BEFORE_BATCH_PUBLISH("beforeBatchPublish", Side.BATCH);

    /** The interface that declares a point: the kernel's, the VMM's, or the batch hooks both sides share. */
    public enum Side {
        KERNEL(KernelSide.class), USERSPACE(UserspaceSide.class), BATCH(Batching.class);

        private final Class<?> type;

        Side(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    private final String method;
    private final Side side;

    OrderingPoint(String method, Side side) {
        this.method = method;
        this.side = side;
    }

    /** The interface method's name, e.g. {@code observeDirty}. */
    public String method() {
        return method;
    }

    public Side side() {
        return side;
    }

    /** As results files spell it: the method's name. */
    @Override
    public String flag() {
        return method;
    }

    public static OrderingPoint byMethod(String method) {
        return Flag.byFlag(OrderingPoint.class, method, "ordering point");
    }
}
